/// The frozen route table: matches a path, then a method (405 with `Allow` when only the method is wrong).
public struct Routes: Responder {
    struct Route: Sendable {
        let method: Method
        let pattern: RoutePattern
        let handler: Handler
    }

    let routes: [Route]

    /// Every route pattern, once each (for the metrics table).
    var patterns: [String] {
        var seen = Set<String>()
        return routes.map(\.pattern.description).filter { seen.insert($0).inserted }
    }

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
                context.route = route.pattern.description
                return try route.handler(request, &context)
            }
            if route.method == wanted && fallback == nil { fallback = (route, parameters) }
            if !allowed.contains(route.method) { allowed.append(route.method) }
        }
        if let (route, parameters) = fallback {
            context.parameters = parameters
            context.route = route.pattern.description
            return try route.handler(request, &context)
        }
        guard !allowed.isEmpty else { throw HTTPError.notFound }
        if let get = allowed.firstIndex(of: .get), !allowed.contains(.head) { allowed.insert(.head, at: get + 1) }
        throw HTTPError.methodNotAllowed(allowed: allowed)
    }
}
