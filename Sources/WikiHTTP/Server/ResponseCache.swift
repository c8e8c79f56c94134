import Synchronization
import WikiStore

/// Finished responses that are the same for every visitor (by `ResponseCachePolicy`), kept as encoded
/// bytes so that an event loop answers a repeat request itself: no worker hop, no eventfd wake-up.
///
/// Every entry is tagged with the content version it was made at (main's tip). Once the version is
/// `versionFreshness` old, the loop asks a worker to read it again and keeps answering meanwhile; at four
/// times that age it stops answering until the version is read (so another process's commit shows within
/// about a second). A state-changing request reads the version before its response leaves, so whoever
/// wrote sees the write on their next request. An entry past `entryLifetime` is re-made by one request
/// while the others still get it (pages show relative dates, nothing else ages). Bounded by bytes.
final class ResponseCache: Sendable {
    /// A cached 200 response: the head without `Date` and framing, the body, and the validators a 304 repeats.
    struct Entry: Sendable {
        let version: String
        let storedAt: ContinuousClock.Instant
        let prefix: [UInt8]
        let body: [UInt8]
        /// The 200's headers, for answering `If-None-Match` with a 304.
        let headers: Headers
        /// Whether one request is already re-making this aged entry.
        var renewing = false
    }

    /// What the loop should do with a request that has a cache key.
    enum Lookup {
        /// Answer with this entry.
        case hit(Entry)
        /// Run the handler (and keep its answer).
        case miss
    }

    /// Sizes and lifetimes.
    struct Limits: Sendable {
        /// How old the version may get before a worker reads it again (`ServerConfiguration.responseCacheRecheck`);
        /// nothing is answered from the cache once it is four times as old.
        var versionFreshness: Duration = .milliseconds(250)
        /// How long an entry is answered before one request re-makes it (`ServerConfiguration.responseCacheLifetime`).
        var entryLifetime: Duration = .seconds(5)
        /// All bodies together.
        var bytes = 32 * 1024 * 1024
        /// One body; larger responses are not kept.
        var entryBytes = 1024 * 1024
    }

    private struct State {
        var version: String?
        var checkedAt = ContinuousClock.Instant.now
        var refreshQueued = false
        var entries: [String: Entry] = [:]
        var order: [String] = []
        var bytes = 0
    }

    let policy: any ResponseCachePolicy
    /// Requests answered from the cache (hits) and cacheable requests sent to a worker (misses).
    let counters = CacheCounters()
    private let limits: Limits
    private let state = Mutex(State())
    /// Held while the version is read and recorded, so a slow older read never overwrites a newer one.
    private let refreshing = Mutex(())

    /// The body bytes held now.
    var byteCount: Int { state.withLock { $0.bytes } }

    init(policy: any ResponseCachePolicy, limits: Limits = Limits()) {
        self.policy = policy
        self.limits = limits
    }

    /// Looks `key` up at `now` (loop side; never blocks on I/O). `scheduleRefresh` is called (at most once
    /// until the refresh ran) when the version should be read again; it must only queue the work.
    func lookup(_ key: String, now: ContinuousClock.Instant, scheduleRefresh: () -> Void) -> Lookup {
        var refresh = false
        let lookup = state.withLock { state -> Lookup in
            let age = now - state.checkedAt
            if age >= limits.versionFreshness && !state.refreshQueued {
                state.refreshQueued = true
                refresh = true
            }
            guard let version = state.version, age < limits.versionFreshness * 4,
                  var entry = state.entries[key], entry.version == version else { return .miss }
            let entryAge = now - entry.storedAt
            if entryAge >= limits.entryLifetime * 4 { return .miss }
            if entryAge >= limits.entryLifetime && !entry.renewing {
                entry.renewing = true
                state.entries[key] = entry
                return .miss
            }
            return .hit(entry)
        }
        if refresh { scheduleRefresh() }
        return lookup
    }

    /// Reads the content version now (worker side) and makes it the current one; entries of other
    /// versions are dropped. nil when it cannot be read: then nothing is served from the cache.
    @discardableResult
    func refreshVersion() -> String? {
        refreshing.withLock { _ in
            let version = policy.contentVersion()
            let now = ContinuousClock.now
            state.withLock { state in
                if version != state.version {
                    state.entries.removeAll()
                    state.order.removeAll()
                    state.bytes = 0
                }
                state.version = version
                state.checkedAt = now
                state.refreshQueued = false
            }
            return version
        }
    }

    /// Keeps `response` (a 200 with a byte body) for `key`, made at `version` (worker side).
    func store(_ response: Response, for key: String, version: String) {
        guard response.status == .ok, case .bytes(let body) = response.body, body.count <= limits.entryBytes else { return }
        let entry = Entry(version: version, storedAt: .now, prefix: ResponseEncoder.headPrefix(response), body: body,
                          headers: response.headers)
        state.withLock { state in
            // A version read since then means this response may already be stale: it is not kept.
            guard state.version == version else { return }
            if let old = state.entries.updateValue(entry, forKey: key) {
                state.bytes -= old.body.count
            } else {
                state.order.append(key)
            }
            state.bytes += body.count
            while state.bytes > limits.bytes, !state.order.isEmpty {
                let oldest = state.order.removeFirst()
                state.bytes -= state.entries.removeValue(forKey: oldest)?.body.count ?? 0
            }
        }
    }
}

/// Decides which requests a `ResponseCache` may answer and which responses it may keep; the
/// application implements it (it alone knows what is per-visitor and what the content version is).
protocol ResponseCachePolicy: Sendable {
    /// The cache key for a request that may be answered from the cache, or nil (loop side: must be cheap).
    /// Only for requests that carry no identity (no cookie, no credentials), so an entry is never
    /// someone's personal page.
    func cacheKey(method: Method, target: String, headers: Headers) -> String?
    /// The version of everything a cacheable response depends on (e.g. main's tip), read now; nil if unknown.
    func contentVersion() -> String?
    /// Whether this response to this request may be answered to every request with the same key.
    func mayShare(_ response: Response, request: Request, context: RequestContext) -> Bool
}
