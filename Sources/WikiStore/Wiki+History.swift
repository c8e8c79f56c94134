/// History: revisions, commits, per-page history and recent changes.
extension Wiki {
    /// The largest page of history or changes one call returns.
    public static let maximumLimit = 1000

    /// The tip of main, or nil while the wiki has no commit.
    public func head() throws -> Revision? {
        try withRepository { repo in try repo.branchTip().map(Revision.init) }
    }

    /// The commit a user's `{rev}` (7 to 40 hex digits) names; not found, ambiguous and invalid are errors.
    public func resolve(revision: String) throws -> Revision {
        try withRepository { repo in Revision(try repo.resolveCommit(revision)) }
    }

    /// A commit with every file it changed (renames detected) against its first parent.
    public func commit(_ revision: String) throws -> CommitDetails {
        try withRepository { repo in try details(of: repo.resolveCommit(revision), in: repo) }
    }

    /// The commits of a page, newest first, following renames as `git log --follow` does.
    /// `after` is the last commit of the previous page of results; up to `limit` entries older than it are returned.
    public func history(of page: PageName, limit: Int, after: String? = nil) throws -> [HistoryEntry] {
        try Self.checkLimit(limit)
        return try withRepository { repo in
            guard let tip = try repo.branchTip() else { return [] }
            let cursor = try after.map { try repo.resolveCommit($0) }
            var path = page.fileName
            var reachedCursor = cursor == nil
            var entries: [HistoryEntry] = []
            // The path of a page in older commits is only known by walking from the tip through its renames.
            try repo.walkFirstParents(from: tip) { id in
                let parent = try repo.firstParent(of: id)
                if let (change, previous) = try change(of: path, in: id, parent: parent, repo: repo) {
                    if reachedCursor {
                        entries.append(HistoryEntry(commit: try repo.commit(id), path: path, change: change, previousPath: previous))
                    }
                    if let previous { path = previous }
                }
                if id == cursor { reachedCursor = true }
                return entries.count < limit
            }
            return entries
        }
    }

    /// The latest commits on main with their changed files, newest first; `after` continues a previous page.
    public func recentChanges(limit: Int, after: String? = nil) throws -> [CommitDetails] {
        try Self.checkLimit(limit)
        return try withRepository { repo in
            let cursor = try after.map { try repo.resolveCommit($0) }
            guard let start = try cursor ?? repo.branchTip() else { return [] }
            var changes: [CommitDetails] = []
            try repo.walkFirstParents(from: start) { id in
                if id != cursor { changes.append(try details(of: id, in: repo)) }
                return changes.count < limit
            }
            return changes
        }
    }

    /// How commit `id` changed the file at `path` against `parent`, and the path it had before a rename.
    private func change(of path: String, in id: ObjectID, parent: ObjectID?, repo: GitRepository) throws
        -> (ChangeKind, String?)? {
        let now = try repo.entry(at: path, inCommit: id).flatMap { $0.isFile ? $0 : nil }
        let before = try parent.flatMap { try repo.entry(at: path, inCommit: $0) }.flatMap { $0.isFile ? $0 : nil }
        switch (before, now) {
        case (nil, nil): return nil
        case (let before?, let now?): return before == now ? nil : (.modified, nil)
        case (_?, nil): return (.deleted, nil)
        case (nil, _?):
            if let parent, let source = try repo.renameSource(of: path, from: parent, to: id) { return (.renamed, source) }
            return (.added, nil)
        }
    }

    /// A commit and its changed files.
    private func details(of id: ObjectID, in repo: GitRepository) throws -> CommitDetails {
        let commit = try repo.commit(id)
        let files = try repo.changedFiles(from: commit.parents.first, to: id)
        return CommitDetails(commit: commit, files: files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) })
    }

    /// Refuses a page size outside 1...maximumLimit.
    private static func checkLimit(_ limit: Int) throws {
        guard (1...maximumLimit).contains(limit) else {
            throw StoreError.invalidInput("limit must be between 1 and \(maximumLimit), not \(limit)")
        }
    }
}
