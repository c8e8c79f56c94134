import Synchronization

/// The history index of one repository, kept at main's tip: loaded from `<repo>/opswiki/history-v1.idx` (or
/// built when there is none, or it fails its checks), then extended by the commits main gained since, whoever
/// made them (a web save, a push, another process). It is a cache keyed by commit ids: deleting the file only
/// costs a rebuild.
///
/// Main moving to a commit whose first-parent chain leaves the indexed one (a force push, a reset) drops the
/// indexed commits after the fork point and indexes the new ones; with no common commit it starts afresh.
final class HistoryIndex: Sendable {
    /// The stored file.
    let file: String
    /// Commits indexed in memory before the file is rewritten on a read; `warmIndexes` always writes.
    static let storeInterval = 64

    private struct State {
        /// nil until the first use loads or builds it.
        var table: HistoryTable?
        /// Commits the file lacks or has wrong (forces the next write when positive).
        var unstored = 0
    }
    private let state = Mutex(State())
    /// Set while the table is built from scratch (no usable file), so that `builtTable` need not wait for it.
    private let buildingFromScratch = Atomic<Bool>(false)

    /// The index of the bare repository at `repositoryPath`.
    init(repositoryPath: String) {
        file = repositoryPath + "/opswiki/history-v1.idx"
    }

    /// The table brought to `tip` (nil: main is unborn): loaded or built on first use, then extended.
    /// Callers copy the value out, so a later extension never changes what a reader is looking at.
    /// With `store`, the file is rewritten whenever it lags; otherwise once it lags by `storeInterval` commits.
    func table(at tip: ObjectID?, in repo: GitRepository, store: Bool = false) throws -> HistoryTable {
        guard let table = try table(at: tip, in: repo, store: store, mayBuildFromScratch: true) else {
            preconditionFailure("a table that may be built is always returned")
        }
        return table
    }

    /// The table at `tip` as `table(at:in:)` makes it, or nil instead of waiting when it would have to be built
    /// from scratch (no usable file) or such a build is running: for what a page can show without (its last
    /// change) while `serve` builds the index in the background on a large wiki's first start.
    func builtTable(at tip: ObjectID?, in repo: GitRepository) throws -> HistoryTable? {
        if buildingFromScratch.load(ordering: .acquiring) { return nil }
        return try table(at: tip, in: repo, store: false, mayBuildFromScratch: false)
    }

    private func table(at tip: ObjectID?, in repo: GitRepository, store: Bool, mayBuildFromScratch: Bool) throws -> HistoryTable? {
        try state.withLock { state in
            let loaded = state.table != nil
            var table = state.table ?? loadStored(&state)
            if table.tip != tip {
                let fromScratch = !loaded && table.commitCount == 0
                if fromScratch && !mayBuildFromScratch { return nil }
                buildingFromScratch.store(fromScratch, ordering: .releasing)
                defer { buildingFromScratch.store(false, ordering: .releasing) }
                state.unstored += try Self.extend(&table, to: tip, in: repo)
            }
            state.table = table
            if state.unstored > 0 && (store || state.unstored >= Self.storeInterval) {
                // A read-only repository still gets a working in-memory index.
                if (try? table.store(to: file)) != nil { state.unstored = 0 }
            }
            return table
        }
    }

    /// The stored table, or an empty one (to be built) when the file is missing or damaged.
    private func loadStored(_ state: inout State) -> HistoryTable {
        do {
            if let stored = try HistoryTable.load(from: file) { return stored }
        } catch {
            // A damaged file is never trusted; the rebuild overwrites it.
            state.unstored = 1
        }
        return HistoryTable()
    }

    /// Moves `table` to `tip`; returns how many commits were indexed or dropped.
    static func extend(_ table: inout HistoryTable, to tip: ObjectID?, in repo: GitRepository) throws -> Int {
        guard let tip else {
            let dropped = table.commitCount
            table = HistoryTable()
            return dropped
        }
        // Walk first parents back to a commit the table knows: the fork point (usually the indexed tip).
        var chain: [ObjectID] = []
        var fork: UInt32?
        var cursor: ObjectID? = tip
        while let id = cursor {
            if let ordinal = table.ordinal(of: id) {
                fork = ordinal
                break
            }
            chain.append(id)
            cursor = try repo.firstParent(of: id)
        }
        let before = table.commitCount
        if let fork { table.truncate(after: fork) } else { table = HistoryTable() }
        let dropped = before - table.commitCount
        var parent = fork.map { table.commitID($0) }
        for id in chain.reversed() {
            table.append(commit: id, changes: try repo.pathChanges(in: id, parent: parent))
            parent = id
        }
        return dropped + chain.count
    }
}
