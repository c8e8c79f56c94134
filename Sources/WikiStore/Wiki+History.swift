/// History: revisions, commits, per-page history and recent changes.
extension Wiki {
    /// The tip of main, or nil while the wiki has no commit.
    public func head() throws -> Revision? {
        try withRepository { repo in try repo.branchTip().map(Revision.init) }
    }

    /// The commit a user's `{rev}` (7 to 40 hex digits) names; not found, ambiguous and invalid are errors.
    public func resolve(revision: String) throws -> Revision {
        try withRepository { repo in Revision(try repo.resolveCommit(revision)) }
    }
}
