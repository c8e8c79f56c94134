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
