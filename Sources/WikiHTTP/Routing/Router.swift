/// A handler: synchronous, run on a worker thread; throwing maps through `ErrorResponder`.
public typealias Handler = @Sendable (Request, inout RequestContext) throws -> Response

/// Anything that answers requests: `Routes`, or a wrapper adding auth or metrics around it.
public protocol Responder: Sendable {
    /// Answers `request`; a thrown error is turned into a response by `ErrorResponder`.
    func respond(to request: Request, context: inout RequestContext) throws -> Response
}

/// Builds the route table at start-up; `freeze()` turns it into an immutable `Routes`.
public struct Router {
    private var routes: [Routes.Route] = []

    /// An empty table.
    public init() {}

    /// Adds `handler` for `method` on `pattern`; a malformed pattern is a programmer error and traps.
    public mutating func add(_ method: Method, _ pattern: String, _ handler: @escaping Handler) {
        guard let parsed = RoutePattern(pattern) else { preconditionFailure("malformed route pattern \(pattern)") }
        precondition(!routes.contains { $0.method == method && $0.pattern == parsed }, "duplicate route \(method) \(pattern)")
        routes.append(Routes.Route(method: method, pattern: parsed, handler: handler))
    }

    /// Adds a `GET` route (which also answers `HEAD`).
    public mutating func get(_ pattern: String, _ handler: @escaping Handler) { add(.get, pattern, handler) }
    /// Adds a `POST` route.
    public mutating func post(_ pattern: String, _ handler: @escaping Handler) { add(.post, pattern, handler) }
    /// Adds a `PUT` route.
    public mutating func put(_ pattern: String, _ handler: @escaping Handler) { add(.put, pattern, handler) }
    /// Adds a `DELETE` route.
    public mutating func delete(_ pattern: String, _ handler: @escaping Handler) { add(.delete, pattern, handler) }

    /// The immutable, Sendable responder for the server.
    public func freeze() -> Routes {
        // Stable sort: the most specific pattern is tried first, ties keep insertion order.
        let ordered = routes.enumerated().sorted { a, b in
            a.element.pattern.specificity.lexicographicallyPrecedes(b.element.pattern.specificity)
                || (a.element.pattern.specificity == b.element.pattern.specificity && a.offset < b.offset)
        }
        return Routes(routes: ordered.map(\.element))
    }
}

/// The frozen route table: matches a path, then a method (405 with `Allow` when only the method is wrong).
public struct Routes: Responder {
    struct Route: Sendable {
        let method: Method
        let pattern: RoutePattern
        let handler: Handler
    }

    let routes: [Route]

    /// Runs the handler of the most specific matching route; throws 404, or 405 with `Allow`.
    public func respond(to request: Request, context: inout RequestContext) throws -> Response {
        var allowed: [Method] = []
        // RFC 9110 §9.3.2: HEAD is answered by the GET handler; the server drops the body.
        let wanted = request.method == .head ? Method.get : request.method
        var fallback: (Route, [String: String])?
        for route in routes {
            guard let parameters = route.pattern.match(request.pathSegments) else { continue }
            if route.method == request.method {
                context.parameters = parameters
                return try route.handler(request, &context)
            }
            if route.method == wanted && fallback == nil { fallback = (route, parameters) }
            if !allowed.contains(route.method) { allowed.append(route.method) }
        }
        if let (route, parameters) = fallback {
            context.parameters = parameters
            return try route.handler(request, &context)
        }
        guard !allowed.isEmpty else { throw HTTPError.notFound }
        if let get = allowed.firstIndex(of: .get), !allowed.contains(.head) { allowed.insert(.head, at: get + 1) }
        throw HTTPError.methodNotAllowed(allowed: allowed)
    }
}
