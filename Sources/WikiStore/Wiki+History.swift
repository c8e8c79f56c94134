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

    /// The commits of a page, newest first, following renames as `git log --follow --first-parent` does
    /// (main is kept linear; a merge counts as a change when it differs from its first parent).
    /// `after` is the last commit of the previous page of results; up to `limit` entries older than it are returned.
    /// Answered from the history index (`Wiki+HistoryIndex.swift`), extended first when main moved.
    public func history(of page: PageName, limit: Int, after: String? = nil) throws -> [HistoryEntry] {
        try Self.checkLimit(limit)
        return try withRepository { repo in
            guard let (table, tip) = try historyTable(in: repo) else { return [] }
            var before = tip + 1
            if let after {
                // A cursor off main's first-parent chain is never reached by the walk: nothing is older than it.
                guard let ordinal = table.ordinal(of: try repo.resolveCommit(after)) else { return [] }
                before = ordinal
            }
            var events: [HistoryTable.Event] = []
            table.follow(page.fileName, atOrBefore: tip) { event in
                if event.commit < before { events.append(event) }
                return events.count < limit
            }
            return try events.map { event in
                HistoryEntry(commit: try repo.commit(table.commitID(event.commit)), path: table.paths[Int(event.path)],
                             change: event.kind, previousPath: event.previousPath.map { table.paths[Int($0)] })
            }
        }
    }

    /// The latest commits on main with their changed files, newest first; `after` continues a previous page.
    /// Main's first-parent chain comes from the history index; a cursor off that chain (a proposal's commit)
    /// is walked from directly.
    public func recentChanges(limit: Int, after: String? = nil) throws -> [CommitDetails] {
        try Self.checkLimit(limit)
        return try withRepository { repo in
            let cursor = try after.map { try repo.resolveCommit($0) }
            guard let (table, tip) = try historyTable(in: repo) else { return [] }
            if let cursor, table.ordinal(of: cursor) == nil {
                var changes: [CommitDetails] = []
                try repo.walkFirstParents(from: cursor) { id in
                    if id != cursor { changes.append(try details(of: id, in: repo)) }
                    return changes.count < limit
                }
                return changes
            }
            let newest = Int(cursor.flatMap { table.ordinal(of: $0) }.map { Int64($0) - 1 } ?? Int64(tip))
            guard newest >= 0 else { return [] }
            return try stride(from: newest, through: max(0, newest - limit + 1), by: -1).map { ordinal in
                try details(of: table.commitID(UInt32(ordinal)), in: repo)
            }
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
