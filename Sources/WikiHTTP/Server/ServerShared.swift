import Synchronization

/// What every loop and worker of one server shares: configuration, the handler and live counters.
final class ServerShared: Sendable {
    let configuration: ServerConfiguration
    let responder: any Responder
    let workers: WorkerPool
    /// Open connections across all loops (for `maxConnections`).
    let openConnections = Atomic<Int>(0)
    /// Set by `shutdown()`: responses from now on say `Connection: close`.
    let draining = Atomic<Bool>(false)

    init(configuration: ServerConfiguration, responder: any Responder, workers: WorkerPool) {
        self.configuration = configuration
        self.responder = responder
        self.workers = workers
    }
}
