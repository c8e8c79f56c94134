/// Reverting one commit's change to one page.
extension Wiki {
    /// Undoes what commit `revision` did to `page`, three-way against the tip, as `git revert` does for one file:
    /// base = the page after the commit, ours = the page before it, theirs = the page now.
    /// A commit that did not touch the page is `.unchanged`; a later change to the same lines is `.conflict`.
    /// The page is looked up by the name it had in that commit.
    public func revert(_ revision: String, page: PageName, author: Person) throws -> WriteOutcome {
        let (id, summary, before, after) = try withRepository { repo in
            let id = try repo.resolveCommit(revision)
            let commit = try repo.commit(id)
            let before = try commit.parents.first.flatMap { try repo.fileBytes(at: page.fileName, inCommit: $0) }
            return (id, commit.summary, before, try repo.fileBytes(at: page.fileName, inCommit: id))
        }
        if before?.id == after?.id { return .unchanged }
        let message = try Self.commitMessage("Revert \"\(summary)\" on \(page)", default: "Revert \(revision)")
        guard let before else {
            // The commit created the page: reverting it deletes the page, unless it was changed since.
            return try write { repo, tip in
                let current = try tip.flatMap { try repo.fileBytes(at: page.fileName, inCommit: $0) }
                guard let current, let tip else { return .finished(.unchanged) }
                if current.id == after?.id { return .commit([.remove(path: page.fileName)], author, message, merged: false) }
                return .finished(.conflict(Conflict(base: after?.bytes ?? [], ours: [], theirs: current.bytes,
                                                    current: Revision(tip), merged: current.bytes)))
            }
        }
        return try save(PageEdit(name: page, content: before.bytes, message: message, base: Revision(id), author: author))
    }
}
