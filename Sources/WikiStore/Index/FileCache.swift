import Synchronization

/// Blobs read from a commit's tree, keyed by (commit id, path): a commit never changes, so an entry is
/// never stale. Saves the tree walk and blob read on every view of a popular page. Bounded by bytes.
///
/// Every edit makes a new commit in which nearly every file is the blob it was before, so the bytes are
/// kept once per blob and each (commit, path) entry only points at its blob: `make soak` (issue 9) showed
/// a copy of each page read per commit, the cache growing by kilobytes per edit for pages that never changed.
final class FileCache: Sendable {
    struct Key: Hashable, Sendable {
        let commit: ObjectID
        let path: String
    }
    struct Entry: Sendable {
        let blobID: ObjectID
        let bytes: [UInt8]
    }
    /// One blob's bytes and how many entries point at it.
    private struct Blob {
        let bytes: [UInt8]
        var references: Int
    }
    private struct State {
        var entries: [Key: ObjectID] = [:]
        var blobs: [ObjectID: Blob] = [:]
        /// Keys oldest first from `head` on; the slots before `head` were evicted (compacted in batches,
        /// so an eviction does not move the whole array).
        var order: [Key] = []
        var head = 0
        var bytes = 0
    }

    /// What one entry costs besides its path and the blob bytes: two ids (20 bytes and an array header
    /// each), the dictionary and order slots, and malloc's rounding; counted so the bound holds for memory.
    static let entryOverhead = 128

    private let byteLimit: Int
    private let state = Mutex(State())
    /// Lookups answered from the cache or read from git, for `/metrics`.
    let counters = CacheCounters()

    /// The bytes held now: each blob's bytes once, plus every entry's path and `entryOverhead`.
    var byteCount: Int { state.withLock { $0.bytes } }

    /// The number of (commit, path) entries held now.
    var entryCount: Int { state.withLock { $0.entries.count } }

    /// A cache holding at most `byteLimit` bytes (files larger than a tenth of it are not kept).
    init(byteLimit: Int) { self.byteLimit = byteLimit }

    /// The cached file, or the one `read` finds (then kept); `nil` when `read` finds nothing.
    func file(_ key: Key, read: () throws -> Entry?) rethrows -> Entry? {
        if let hit = state.withLock({ state in state.entries[key].flatMap { id in state.blobs[id].map { Entry(blobID: id, bytes: $0.bytes) } } }) {
            counters.hit()
            return hit
        }
        counters.miss()
        guard let entry = try read() else { return nil }
        guard entry.bytes.count <= byteLimit / 10 else { return entry }
        state.withLock { state in
            guard state.entries.updateValue(entry.blobID, forKey: key) == nil else { return }
            state.order.append(key)
            state.bytes += Self.cost(of: key)
            if (state.blobs[entry.blobID]?.references += 1) == nil {
                state.blobs[entry.blobID] = Blob(bytes: entry.bytes, references: 1)
                state.bytes += entry.bytes.count
            }
            while state.bytes > byteLimit, state.head < state.order.count {
                Self.evict(state.order[state.head], from: &state)
                state.head += 1
            }
            if state.head > 1024 && state.head * 2 > state.order.count {
                state.order.removeFirst(state.head)
                state.head = 0
            }
        }
        return entry
    }

    /// What `key` costs besides its blob's bytes.
    private static func cost(of key: Key) -> Int { entryOverhead + key.path.utf8.count }

    /// Drops the entry of `key`, and its blob when no other entry points at it.
    private static func evict(_ key: Key, from state: inout State) {
        guard let id = state.entries.removeValue(forKey: key) else { return }
        state.bytes -= cost(of: key)
        guard var blob = state.blobs[id] else { return }
        blob.references -= 1
        if blob.references > 0 {
            state.blobs[id] = blob
        } else {
            state.blobs[id] = nil
            state.bytes -= blob.bytes.count
        }
    }
}
