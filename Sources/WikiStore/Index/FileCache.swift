import Synchronization

/// Blobs read from a commit's tree, keyed by (commit id, path): a commit never changes, so an entry is
/// never stale. Saves the tree walk and blob read on every view of a popular page. Bounded by bytes.
final class FileCache: Sendable {
    struct Key: Hashable, Sendable {
        let commit: ObjectID
        let path: String
    }
    struct Entry: Sendable {
        let blobID: ObjectID
        let bytes: [UInt8]
    }
    private struct State {
        var entries: [Key: Entry] = [:]
        var order: [Key] = []
        var bytes = 0
    }

    private let byteLimit: Int
    private let state = Mutex(State())
    /// Lookups answered from the cache or read from git, for `/metrics`.
    let counters = CacheCounters()

    /// The bytes of file content held now.
    var byteCount: Int { state.withLock { $0.bytes } }

    /// A cache holding at most `byteLimit` bytes of file content (files larger than a tenth of it are not kept).
    init(byteLimit: Int) { self.byteLimit = byteLimit }

    /// The cached file, or the one `read` finds (then kept); `nil` when `read` finds nothing.
    func file(_ key: Key, read: () throws -> Entry?) rethrows -> Entry? {
        if let hit = state.withLock({ $0.entries[key] }) {
            counters.hit()
            return hit
        }
        counters.miss()
        guard let entry = try read() else { return nil }
        guard entry.bytes.count <= byteLimit / 10 else { return entry }
        state.withLock { state in
            guard state.entries.updateValue(entry, forKey: key) == nil else { return }
            state.order.append(key)
            state.bytes += entry.bytes.count
            while state.bytes > byteLimit, !state.order.isEmpty {
                let oldest = state.order.removeFirst()
                state.bytes -= state.entries.removeValue(forKey: oldest)?.bytes.count ?? 0
            }
        }
        return entry
    }
}
