import Synchronization

/// Hits and misses of one cache, counted with relaxed atomics so counting costs the cache no lock;
/// `/metrics` reads them.
public final class CacheCounters: Sendable {
    private let hitCount = Atomic<UInt64>(0)
    private let missCount = Atomic<UInt64>(0)

    /// Counters starting at zero.
    public init() {}

    /// Counts a lookup that found its entry.
    public func hit() { hitCount.add(1, ordering: .relaxed) }

    /// Counts a lookup that had to compute or read its entry.
    public func miss() { missCount.add(1, ordering: .relaxed) }

    /// Lookups that found their entry so far.
    public var hits: UInt64 { hitCount.load(ordering: .relaxed) }

    /// Lookups that missed so far.
    public var misses: UInt64 { missCount.load(ordering: .relaxed) }
}
