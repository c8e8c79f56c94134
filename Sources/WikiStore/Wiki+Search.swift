/// Full-text search over the pages at the tip of main.
extension Wiki {
    /// The most hits one query answers.
    public static let maximumSearchHits = 200

    /// The pages at the tip of main that match `query`, best first, with snippets; at most `limit` hits.
    /// The index follows main: when the tip moved since the last query (an edit, a push) it applies the
    /// tree diff between the two commits, reading only the blobs that changed.
    public func search(_ query: String, limit: Int = 50) throws -> SearchResults {
        try prepareSearch()
        return searchIndex.search(query, limit: min(limit, Self.maximumSearchHits))
    }

    /// Brings the search index up to the tip of main now, so that the first query does not pay for
    /// building it (a daemon calls this once at start-up, off the request path).
    public func prepareSearch() throws {
        let tip = try withRepository { try $0.branchTip() }
        // The index asks for changes only when it is behind the tip: that is a miss.
        var missed = false
        try searchIndex.update(to: tip) { indexed in
            missed = true
            guard let tip else { return [] }
            return try pageChanges(from: indexed, to: tip)
        }
        if missed { searchCounters.miss() } else { searchCounters.hit() }
    }

    /// The page changes from commit `old` (nil: the empty tree) to `new`, as index updates.
    private func pageChanges(from old: ObjectID?, to new: ObjectID) throws -> [SearchIndex.Change] {
        try withRepository { repo in
            var changes: [SearchIndex.Change] = []
            for file in try repo.changedFiles(from: old, to: new) {
                if let oldPath = file.oldPath, let name = try? PageName(filePath: oldPath), file.change != .modified {
                    changes.append(.remove(name))
                }
                guard let newPath = file.newPath, file.change != .deleted, let name = try? PageName(filePath: newPath) else { continue }
                // A typechange to a symlink or submodule is no page: fileBytes answers nil and the page stays removed.
                if let page = try repo.fileBytes(at: newPath, inCommit: new) {
                    changes.append(.put(name, page.bytes))
                } else {
                    changes.append(.remove(name))
                }
            }
            return changes
        }
    }
}
