import Foundation

/// Everything the server needs to know before it binds; defaults suit a wiki on a small machine.
public struct ServerConfiguration: Sendable {
    /// Limits for one request; each maps to the status the contract names.
    public struct Limits: Sendable {
        /// The longest request line (method, target, version): 414 beyond it.
        public var requestLine = 8 * 1024
        /// The largest header section (and, separately, trailer section): 431 beyond it.
        public var headerBytes = 64 * 1024
        /// The most header fields: 431 beyond it.
        public var headerCount = 100
        /// The largest request body as sent: 413, checked against Content-Length before reading it.
        public var body = 32 * 1024 * 1024
        /// The largest body after `Content-Encoding: gzip` is inflated: 413 beyond it.
        public var inflatedBody = 64 * 1024 * 1024
        /// Bytes a streamed response may queue before the writing worker blocks (backpressure).
        public var streamBuffer = 1024 * 1024
        /// Defaults as documented on each property.
        public init() {}
    }

    /// How long a connection may take over each phase before it is closed.
    public struct Timeouts: Sendable {
        /// From the first byte of a request to the end of its header section: 408 beyond it.
        public var headerRead: Duration = .seconds(10)
        /// From the end of the head to the end of the body: 408 beyond it.
        public var bodyRead: Duration = .seconds(120)
        /// How long a keep-alive connection may wait for its next request, and a stalled write for the client.
        public var idle: Duration = .seconds(30)
        /// How long `shutdown()` waits for in-flight requests before closing their connections.
        public var shutdownDrain: Duration = .seconds(10)
        /// Defaults as documented on each property.
        public init() {}
    }

    /// A numeric IPv4 or IPv6 address (`127.0.0.1`, `0.0.0.0`, `::1`, `::`) or `localhost`.
    public var host = "127.0.0.1"
    /// The TCP port; 0 picks a free one (read it from `HTTPServer.port` after `start()`).
    public var port = 8080
    /// Per-request limits.
    public var limits = Limits()
    /// Per-phase timeouts.
    public var timeouts = Timeouts()
    /// Open connections beyond this are answered 503 and closed.
    public var maxConnections = 4096
    /// Threads running handlers: one per core (at least 2). More threads than cores cost throughput —
    /// measured on 2 cores, 16 workers answered half the requests/s of 2 — so requests that block for
    /// long belong on the separate pool below rather than in a bigger one here.
    public var workerThreads = max(2, ProcessInfo.processInfo.activeProcessorCount)
    /// Request targets starting with one of these (e.g. `/wiki.git/`: clones and pushes that stream for
    /// seconds) run on a pool of their own, so they never take the threads that answer page views.
    public var longRequestPrefixes: [String] = []
    /// Threads of that pool: how many long requests run at once (more wait in its queue).
    public var longRequestThreads = 8
    /// Threads running epoll loops (socket I/O and parsing only): one per core.
    public var eventLoopThreads = ProcessInfo.processInfo.activeProcessorCount
    /// Whether the loops answer repeated anonymous page reads from memory when the responder allows it
    /// (`ResponseCachePolicy`; a commit from anywhere shows within a second, at once to its writer).
    public var responseCaching = true
    /// How old main's tip as last read may get before a worker reads it again; at four times this age
    /// nothing is answered from the cache, so another process's commit shows within about a second
    /// (a commit through this server shows at once).
    public var responseCacheRecheck: Duration = .milliseconds(250)
    /// How long a cached answer is served before one request makes it again (pages show relative dates
    /// such as "5 minutes ago").
    public var responseCacheLifetime: Duration = .seconds(5)
    /// Whether to write one access-log line per request.
    public var accessLog = true
    /// Where log lines go.
    public var logger = Logger.standardError
    /// Counts requests refused before routing, for `/metrics` (nil: not counted).
    public var metrics: ServerMetrics?

    /// The defaults above.
    public init() {}
}
