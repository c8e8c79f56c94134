import Synchronization

/// A latency histogram with fixed buckets: one relaxed atomic per bucket and one for the sum, so an
/// observation is a short scan and two atomic adds.
final class LatencyHistogram: Sendable {
    /// Upper bounds in seconds (Prometheus `le`), from 0.5 ms (a cached page) to 30 s (a big clone).
    static let bounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
    /// The same bounds in nanoseconds, compared on the hot path.
    private static let boundNanoseconds: [Int64] = bounds.map { Int64(($0 * 1e9).rounded()) }

    /// Per bucket (not cumulative); the last slot is `+Inf`.
    private let buckets: InlineArray<16, Atomic<UInt64>> = InlineArray { _ in Atomic(0) }
    private let sumNanoseconds = Atomic<UInt64>(0)

    /// Records one duration.
    func observe(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = max(0, seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000)
        var slot = Self.boundNanoseconds.count
        for (index, bound) in Self.boundNanoseconds.enumerated() where nanoseconds <= bound {
            slot = index
            break
        }
        buckets[slot].add(1, ordering: .relaxed)
        sumNanoseconds.add(UInt64(nanoseconds), ordering: .relaxed)
    }

    /// Cumulative counts per bound (the last is `+Inf`, which is also the count) and the sum in seconds.
    func snapshot() -> (cumulative: [UInt64], sum: Double) {
        var cumulative: [UInt64] = []
        var running: UInt64 = 0
        for slot in 0...Self.bounds.count {
            running += buckets[slot].load(ordering: .relaxed)
            cumulative.append(running)
        }
        return (cumulative, Double(sumNanoseconds.load(ordering: .relaxed)) / 1e9)
    }
}
