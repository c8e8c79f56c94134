/// The series of one route pattern: responses by status and their latencies.
final class RouteSeries: Sendable {
    /// The route pattern as registered, e.g. `/wiki/{page...}`, or `Metrics.unmatchedRoute`.
    let route: String
    let statuses = StatusCounters()
    let latency = LatencyHistogram()

    init(route: String) { self.route = route }

    /// Counts one response with `status` that took `duration`.
    func record(status: Int, duration: Duration) {
        statuses.record(status)
        latency.observe(duration)
    }
}
