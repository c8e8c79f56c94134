import Foundation
import Synchronization

/// What every loop and worker of one server shares: configuration, the handler and live counters.
final class ServerShared: Sendable {
    let configuration: ServerConfiguration
    let responder: any Responder
    let workers: WorkerPool
    /// The pool for `longRequestPrefixes`, when there are any.
    let longWorkers: WorkerPool?
    /// Open connections across all loops (for `maxConnections`).
    let openConnections = Atomic<Int>(0)
    /// Set by `shutdown()`: responses from now on say `Connection: close`.
    let draining = Atomic<Bool>(false)
    /// Responses the loops may answer themselves, when the responder says which ones (`ResponseCachePolicy`).
    let responseCache: ResponseCache?
    /// One thread that re-reads the cache's content version, so that never waits behind slow handlers.
    let cacheRefresher: WorkerPool?

    init(configuration: ServerConfiguration, responder: any Responder) {
        self.configuration = configuration
        self.responder = responder
        var cacheLimits = ResponseCache.Limits()
        cacheLimits.versionFreshness = configuration.responseCacheRecheck
        cacheLimits.entryLifetime = configuration.responseCacheLifetime
        responseCache = configuration.responseCaching
            ? (responder as? any ResponseCachePolicy).map { ResponseCache(policy: $0, limits: cacheLimits) } : nil
        cacheRefresher = responseCache == nil ? nil : WorkerPool(threads: 1, name: "http-cache")
        workers = WorkerPool(threads: max(1, configuration.workerThreads), name: "http-worker")
        longWorkers = configuration.longRequestPrefixes.isEmpty
            ? nil : WorkerPool(threads: max(1, configuration.longRequestThreads), name: "http-long")
    }

    /// The pool that runs a request for `target`.
    func pool(for target: String) -> WorkerPool {
        guard let longWorkers, configuration.longRequestPrefixes.contains(where: target.hasPrefix) else { return workers }
        return longWorkers
    }

    /// Stops the pools; false if a handler was still running at `deadline`.
    @discardableResult
    func shutdownWorkers(deadline: Date = .distantFuture) -> Bool {
        let long = longWorkers?.shutdown(deadline: deadline) ?? true
        let refresher = cacheRefresher?.shutdown(deadline: deadline) ?? true
        return workers.shutdown(deadline: deadline) && long && refresher
    }
}
