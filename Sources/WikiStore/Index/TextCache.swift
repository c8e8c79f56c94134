import Synchronization

/// Page texts by blob id for search snippets: the index keeps only blob ids (not every page twice), and the
/// pages that keep matching popular queries are read from git once. A blob never changes, so an entry is
/// never stale. Bounded by UTF-8 bytes; the oldest entries go first.
final class TextCache: Sendable {
    private struct State {
        var entries: [ObjectID: String] = [:]
        var order: [ObjectID] = []
        var bytes = 0
    }

    private let byteLimit: Int
    private let state = Mutex(State())

    /// The UTF-8 bytes held now.
    var byteCount: Int { state.withLock { $0.bytes } }

    /// A cache of at most `byteLimit` bytes of text.
    init(byteLimit: Int) { self.byteLimit = byteLimit }

    /// The text of blob `id`, cached or decoded from what `read` returns (then kept).
    func text(of id: ObjectID, read: () throws -> [UInt8]) rethrows -> String {
        if let hit = state.withLock({ $0.entries[id] }) { return hit }
        let text = String(decoding: try read(), as: UTF8.self)
        let size = text.utf8.count
        guard size <= byteLimit / 10 else { return text }
        state.withLock { state in
            guard state.entries.updateValue(text, forKey: id) == nil else { return }
            state.order.append(id)
            state.bytes += size
            var evicted = 0
            while state.bytes > byteLimit, evicted < state.order.count {
                state.bytes -= state.entries.removeValue(forKey: state.order[evicted])?.utf8.count ?? 0
                evicted += 1
            }
            state.order.removeFirst(evicted)
        }
        return text
    }
}
