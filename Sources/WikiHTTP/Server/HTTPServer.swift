import Foundation
import Synchronization
import WikiStore

/// The HTTP/1.1 server: epoll loops for I/O and parsing, a worker pool for handlers (STYLE.md §4).
///
/// `start()` binds and starts the threads, `run()` blocks until a `shutdown()` has drained, and
/// `installSignalHandlers()` turns SIGINT/SIGTERM into `shutdown()`.
public final class HTTPServer: Sendable {
    private struct Running: Sendable {
        let listener: Socket
        let port: Int
        let inboxes: [LoopInbox]
        let loopsFinished: Latch
        let shared: ServerShared
    }

    /// The configuration given at creation.
    public let configuration: ServerConfiguration
    private let responder: any Responder
    private let running = Mutex<Running?>(nil)
    private let shutdownRequested = Atomic<Bool>(false)

    /// A server that answers every request with `responder` (usually a frozen `Router`).
    public init(configuration: ServerConfiguration, responder: any Responder) {
        self.configuration = configuration
        self.responder = responder
    }

    /// The bound port (the real one when the configuration asked for 0); 0 before `start()`.
    public var port: Int { running.withLock { $0?.port ?? 0 } }

    /// Connections open right now, across all loops (for `/metrics`).
    public var openConnections: Int {
        running.withLock { $0?.shared.openConnections.load(ordering: .relaxed) ?? 0 }
    }

    /// The response cache of the running server, if the responder allows one.
    var responseCache: ResponseCache? { running.withLock { $0?.shared.responseCache } }

    /// Hits and misses of the running server's response cache (for `/metrics`); nil before `start` or without one.
    public var responseCacheCounters: CacheCounters? { responseCache?.counters }
    /// The body bytes the response cache holds now (0 without one).
    public var responseCacheBytes: Int { responseCache?.byteCount ?? 0 }

    /// Binds the listening socket and starts the event loops and workers; throws `SystemError` if it cannot bind.
    public func start() throws {
        try running.withLock { running in
            precondition(running == nil, "HTTPServer.start() called twice")
            let listener = try Socket.listen(host: configuration.host, port: configuration.port)
            let port = try listener.localPort()
            let loopCount = max(1, configuration.eventLoopThreads)
            let inboxes = try (0..<loopCount).map { _ in try LoopInbox() }
            let shared = ServerShared(configuration: configuration, responder: responder)
            let loopsFinished = Latch(count: loopCount)
            // Every loop is built before any loop thread starts, so a failure leaves no thread behind.
            let loops: [LoopBox]
            do {
                loops = try inboxes.map { try LoopBox(EventLoop(listener: listener, inbox: $0, shared: shared)) }
            } catch {
                shared.shutdownWorkers()
                throw error
            }
            for (index, loop) in loops.enumerated() {
                let thread = Thread {
                    loop.take().run()
                    loopsFinished.countDown()
                }
                thread.name = "http-loop-\(index)"
                thread.start()
            }
            running = Running(listener: listener, port: port, inboxes: inboxes, loopsFinished: loopsFinished, shared: shared)
        }
        configuration.logger.info("listening on \(configuration.host) port \(port)")
    }

    /// Blocks until `shutdown()` has drained the connections, then stops the workers. A handler still
    /// running a second after the drain timeout is abandoned (logged), so the process can exit.
    public func run() {
        guard let current = running.withLock({ $0 }) else { preconditionFailure("HTTPServer.run() before start()") }
        current.loopsFinished.wait()
        let drain = configuration.timeouts.shutdownDrain.components
        let grace = Double(drain.seconds) + Double(drain.attoseconds) / 1e18 + 1
        if !current.shared.shutdownWorkers(deadline: Date(timeIntervalSinceNow: grace)) {
            configuration.logger.error("a handler was still running after the shutdown drain")
        }
    }

    /// Stops accepting, closes idle connections and lets in-flight requests finish within
    /// `timeouts.shutdownDrain`; returns at once (`run()` returns when it is done). Safe from any thread.
    public func shutdown() {
        guard let current = running.withLock({ $0 }), !shutdownRequested.exchange(true, ordering: .relaxed) else { return }
        configuration.logger.info("shutting down")
        current.shared.draining.store(true, ordering: .relaxed)
        for inbox in current.inboxes { inbox.post(.shutdown) }
    }
}

/// Moves a freshly made, not-yet-shared `EventLoop` into the thread that will own it.
/// @unchecked Sendable: the loop is created here and touched only by that one thread afterwards.
private final class LoopBox: @unchecked Sendable {
    private let loop: EventLoop
    init(_ loop: EventLoop) { self.loop = loop }
    func take() -> EventLoop { loop }
}
