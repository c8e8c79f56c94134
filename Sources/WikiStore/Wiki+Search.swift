/// Full-text search over the pages at the tip of main.
extension Wiki {
    /// The most hits one query answers.
    public static let maximumSearchHits = 200

    /// The pages at the tip of main that match `query`, best first, with snippets; at most `limit` hits.
    /// The index follows main: when the tip moved since the last query (an edit, a push) it applies the
    /// tree diff between the two commits, reading only the blobs that changed.
    public func search(_ query: String, limit: Int = 50) throws -> SearchResults {
        try prepareSearch()
        return try withRepository { repo in
            try searchIndex.search(query, limit: min(limit, Self.maximumSearchHits)) { blob in
                try snippetTexts.text(of: blob) { try repo.blobBytes(blob) }
            }
        }
    }

    /// Brings the search index up to the tip of main now, so that the first query does not pay for
    /// building it (a daemon calls this once at start-up, off the request path).
    /// A first call loads the stored index (`opswiki/search-v1.idx`) when its tip is in the repository, so only
    /// the pages changed since are read.
    public func prepareSearch() throws {
        if !searchIndex.isBuilt { try restoreSearchIndex() }
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

    /// The stored search index file.
    var searchIndexFile: String { path + "/opswiki/search-v1.idx" }

    /// Loads the stored search index; a missing or damaged file, or one whose tip the repository lacks (built
    /// for another history), is ignored and the index is built from the tree.
    private func restoreSearchIndex() throws {
        guard let bytes = IndexFile.read(searchIndexFile), let stored = try? SearchIndex.decoded(bytes),
              try withRepository({ try $0.objectType(stored.tip) }) == .commit else { return }
        searchIndex.restore(tip: stored.tip, documents: stored.documents)
    }

    /// Writes the search index to its file when the file lags behind it (`warmIndexes`).
    func storeSearchIndex() {
        guard let (tip, documents) = searchIndex.unstored() else { return }
        // A read-only repository keeps a working in-memory index.
        if (try? IndexFile.write(SearchIndex.encoded(tip: tip, documents: documents), to: searchIndexFile)) != nil {
            searchIndex.markStored(tip)
        }
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
                    changes.append(.put(name, page.id, page.bytes))
                } else {
                    changes.append(.remove(name))
                }
            }
            return changes
        }
    }
}
