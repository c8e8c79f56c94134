import Foundation
import Synchronization
import WikiStore

/// The process's metrics, served at `/metrics` in the Prometheus text format (`Metrics+Exposition.swift`).
///
/// Counting is lock-free on the request path: `MetricsResponder` looks its route's series up in a table
/// frozen at start-up, and every series is made of relaxed atomics. Counters that live elsewhere (commits
/// and caches in WikiStore, open connections in the server) are registered once and read at scrape time.
public final class Metrics: Sendable {
    /// The `route` label of requests that matched no route (404s, the sign-in gate, refused origins).
    public static let unmatchedRoute = "(none)"

    /// The opswiki version, for `opswiki_build_info`.
    public let version: String
    /// Requests refused by the server before routing; give it to `ServerConfiguration.metrics`.
    public let server = ServerMetrics()
    /// When the registry was made (the process start, for `serve`), as Unix seconds.
    let startTime = Date().timeIntervalSince1970

    private struct Sources {
        var routes: [String: RouteSeries] = [:]
        var caches: [(name: String, counters: CacheCounters)] = []
        var commits: [CommitCounters] = []
        var cacheBytes: [@Sendable () -> [(name: String, bytes: Int)]] = []
        var openConnections: (@Sendable () -> Int)?
    }

    private let sources = Mutex(Sources())

    /// An empty registry.
    public init(version: String = "dev") { self.version = version }

    /// The series of route pattern `route`, created on first use (start-up, or a rare unknown route).
    func series(for route: String) -> RouteSeries {
        sources.withLock { sources in
            if let series = sources.routes[route] { return series }
            let series = RouteSeries(route: route)
            sources.routes[route] = series
            return series
        }
    }

    /// Counts one response outside `MetricsResponder` (slower: it takes the registry's lock).
    public func record(route: String, status: Int, duration: Duration) {
        series(for: route).record(status: status, duration: duration)
    }

    /// Reports `counters` as `opswiki_cache_hits_total{cache="name"}` and `…_misses_total`.
    public func watchCache(_ name: String, _ counters: CacheCounters) {
        sources.withLock { $0.caches.append((name, counters)) }
    }

    /// Reports the wiki's commits by source and its file and search caches.
    public func watch(_ wiki: Wiki) {
        sources.withLock {
            $0.commits.append(wiki.commitCounters)
            $0.cacheBytes.append { wiki.cacheBytes }
        }
        for (name, counters) in wiki.cacheCounters { watchCache(name, counters) }
    }

    /// Reports `gauge` as `opswiki_cache_bytes{cache="name"}`, read at each scrape.
    public func watchCacheBytes(_ name: String, _ gauge: @escaping @Sendable () -> Int) {
        sources.withLock { $0.cacheBytes.append { [(name, gauge())] } }
    }

    /// Reads `opswiki_open_connections` from `gauge` at each scrape (e.g. `{ server.openConnections }`).
    public func watchOpenConnections(_ gauge: @escaping @Sendable () -> Int) {
        sources.withLock { $0.openConnections = gauge }
    }

    /// What the scrape reads from the registered sources, copied under the lock.
    func registered() -> (routes: [RouteSeries], caches: [(name: String, counters: CacheCounters)],
                          commits: [CommitCounters], cacheBytes: [@Sendable () -> [(name: String, bytes: Int)]], openConnections: (@Sendable () -> Int)?) {
        sources.withLock { sources in
            (sources.routes.values.sorted { $0.route < $1.route }, sources.caches, sources.commits, sources.cacheBytes,
             sources.openConnections)
        }
    }
}
