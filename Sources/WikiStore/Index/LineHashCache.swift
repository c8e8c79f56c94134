import Synchronization

/// Line hashes of blobs (`LineDiff.lineHashes`) by blob id, for blame: a blob never changes, so an entry is
/// never stale, and a page blamed again (after one more edit) reads only its new version. Bounded by lines.
final class LineHashCache: Sendable {
    private struct State {
        var entries: [ObjectID: [Int]] = [:]
        var order: [ObjectID] = []
        var lines = 0
    }

    private let lineLimit: Int
    private let state = Mutex(State())

    /// The bytes of the hashes held now.
    var byteCount: Int { state.withLock { $0.lines * MemoryLayout<Int>.stride } }

    /// A cache of at most `lineLimit` line hashes (8 bytes each).
    init(lineLimit: Int) { self.lineLimit = lineLimit }

    /// The hashes of blob `id`, from the cache or made by `compute` (then kept).
    func hashes(of id: ObjectID, compute: () throws -> [Int]) rethrows -> [Int] {
        if let hit = state.withLock({ $0.entries[id] }) { return hit }
        let hashes = try compute()
        guard hashes.count <= lineLimit / 10 else { return hashes }
        state.withLock { state in
            guard state.entries.updateValue(hashes, forKey: id) == nil else { return }
            state.order.append(id)
            state.lines += hashes.count
            var evicted = 0
            while state.lines > lineLimit, evicted < state.order.count {
                state.lines -= state.entries.removeValue(forKey: state.order[evicted])?.count ?? 0
                evicted += 1
            }
            state.order.removeFirst(evicted)
        }
        return hashes
    }
}
