/// What the HTTP server itself reports: requests refused before they reach a handler (the parser's 400,
/// 408, 413, 414, 431 and the 503 beyond `maxConnections`). The server holds it in its configuration.
public final class ServerMetrics: Sendable {
    let rejected = StatusCounters()

    /// Counters starting at zero.
    public init() {}

    /// Counts one request refused by the server with `status`.
    public func rejected(status: Int) { rejected.record(status) }
}
