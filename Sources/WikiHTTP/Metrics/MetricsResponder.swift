/// Counts every response of the responder it wraps by route pattern and status, with its latency.
///
/// The route's series comes from a table frozen at start-up (no lock on the request path). A streamed
/// body is timed to its last byte; a 304 the server will send instead of a 200 is counted as 304.
struct MetricsResponder: Responder {
    let inner: any Responder
    private let table: [String: RouteSeries]
    private let unmatched: RouteSeries
    private let metrics: Metrics

    /// Wraps `inner`, whose routes have the patterns `routes`.
    init(_ inner: any Responder, routes: [String], metrics: Metrics) {
        self.inner = inner
        self.metrics = metrics
        var table: [String: RouteSeries] = [:]
        for route in routes { table[route] = metrics.series(for: route) }
        self.table = table
        unmatched = metrics.series(for: Metrics.unmatchedRoute)
    }

    func respond(to request: Request, context: inout RequestContext) throws -> Response {
        let started = ContinuousClock.now
        var response = try inner.respond(to: request, context: &context)
        let series = context.route.map { table[$0] ?? metrics.series(for: $0) } ?? unmatched
        let status = Conditional.notModified(response, for: request) != nil ? Status.notModified.code : response.status.code
        guard case .stream(let write) = response.body, request.method != .head, status != Status.notModified.code else {
            series.record(status: status, duration: ContinuousClock.now - started)
            return response
        }
        response.body = .stream { writer in
            defer { series.record(status: status, duration: ContinuousClock.now - started) }
            try write(writer)
        }
        return response
    }
}

/// The wrapped responder's caching rules, so that wrapping it for metrics keeps the response cache on.
/// (Answers from the cache never reach a responder: they count as `opswiki_cache_hits_total{cache="response"}`.)
extension MetricsResponder: ResponseCachePolicy {
    private var policy: (any ResponseCachePolicy)? { inner as? any ResponseCachePolicy }

    func cacheKey(method: Method, target: String, headers: Headers) -> String? {
        policy?.cacheKey(method: method, target: target, headers: headers)
    }

    func contentVersion() -> String? { policy?.contentVersion() }

    func mayShare(_ response: Response, request: Request, context: RequestContext) -> Bool {
        policy?.mayShare(response, request: request, context: context) ?? false
    }
}
