/// The derived indexes (history, search) and the calls that read the history index directly.
extension Wiki {
    /// The newest commit that touched `page` on main (from the history index), or nil.
    /// The same commit as `history(of: page, limit: 1).first?.commit`.
    /// After `indexesWillBuildInBackground`, nil while the history index is first built from scratch.
    public func lastChange(of page: PageName) throws -> Commit? {
        try withRepository { repo in
            guard let tip = try repo.branchTip() else { return nil }
            let table = indexesBuildInBackground.load(ordering: .relaxed) ? try historyIndex.builtTable(at: tip, in: repo)
                                                                          : try historyIndex.table(at: tip, in: repo)
            guard let table, let path = table.pathID(page.fileName), table.commitCount > 0,
                  let newest = table.events(of: path, atOrBefore: UInt32(table.commitCount - 1)).first else { return nil }
            return try repo.commit(table.commitID(table.event(newest).commit))
        }
    }

    /// Tells the wiki that `warmIndexes` runs in the background (`serve`): page views then show no last change
    /// while the history index is first built, instead of waiting seconds for it on a large wiki's first start.
    public func indexesWillBuildInBackground() {
        indexesBuildInBackground.store(true, ordering: .relaxed)
    }

    /// Loads or incrementally extends every derived index to main's tip (history, search). Serve calls it
    /// in the background at start; readers never wait for a full rebuild they don't need.
    /// Each index file (`opswiki/history-v1.idx`, `opswiki/search-v1.idx`) is rewritten when it lags behind.
    public func warmIndexes() throws {
        _ = try withRepository { repo in try historyIndex.table(at: repo.branchTip(), in: repo, store: true) }
        try prepareSearch()
        storeSearchIndex()
    }

    /// The history table at main's tip, and that tip; nil while main is unborn.
    func historyTable(in repo: GitRepository) throws -> (table: HistoryTable, tip: UInt32)? {
        guard let tip = try repo.branchTip() else { return nil }
        let table = try historyIndex.table(at: tip, in: repo)
        guard table.commitCount > 0 else { return nil }
        return (table, UInt32(table.commitCount - 1))
    }
}
