import Synchronization

/// Failed sign-ins (form or HTTP Basic) per client address: after `limit` failures within `window`,
/// further attempts from that address are refused with 429 until the oldest failure ages out.
/// A success does not reset the count, so one known password cannot be used to keep guessing others.
final class LoginRateLimiter: Sendable {
    private let limit: Int
    private let window: Duration
    private let capacity: Int
    private let failures = Mutex<[String: [ContinuousClock.Instant]]>([:])

    init(limit: Int, window: Duration, capacity: Int = 10_000) {
        self.limit = max(1, limit)
        self.window = window
        self.capacity = capacity
    }

    /// How long `client` must wait before trying again, or nil when it may try now.
    func retryAfter(for client: String) -> Duration? {
        let now = ContinuousClock.now
        return failures.withLock { failures in
            let recent = (failures[client] ?? []).filter { now - $0 < window }
            failures[client] = recent.isEmpty ? nil : recent
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return oldest + window - now
        }
    }

    /// Counts one failure for `client`.
    func recordFailure(for client: String) {
        let now = ContinuousClock.now
        failures.withLock { failures in
            if failures[client] == nil, failures.count >= capacity {
                failures = failures.filter { $0.value.contains { now - $0 < window } }
                // Still full of live entries: forget them rather than grow without bound.
                if failures.count >= capacity { failures.removeAll() }
            }
            var recent = (failures[client] ?? []).filter { now - $0 < window }
            recent.append(now)
            failures[client] = Array(recent.suffix(limit))
        }
    }
}
