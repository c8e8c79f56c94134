/// One HTTP request as handlers see it: decoded once, with no socket in sight.
public struct Request: Sendable {
    /// One `name=value` pair of the query string, decoded.
    public struct QueryItem: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    /// The method as sent.
    public let method: Method
    /// The request-target exactly as sent (origin-form, absolute-form or `*`).
    public let target: String
    /// The protocol version of the request line.
    public let version: HTTPVersion
    /// The path as sent, still percent-encoded.
    public let rawPath: String
    /// The path percent-decoded once with dot segments removed; always starts with `/`.
    public let path: String
    /// `path` split on `/` (without the leading empty segment).
    public let pathSegments: [String]
    /// The query items in order, duplicates kept.
    public let query: [QueryItem]
    /// The header fields in order.
    public let headers: Headers
    /// The body, already de-chunked and (for `Content-Encoding: gzip`) inflated.
    public internal(set) var body: [UInt8]
    /// The peer's address, `ip:port`.
    public let remoteAddress: String

    /// Builds a request from its parts, decoding the target; a malformed target is a 400.
    public init(method: Method, target: String, version: HTTPVersion = .http1_1, headers: Headers = [:],
                body: [UInt8] = [], remoteAddress: String = "") throws(HTTPError) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        var pathAndQuery = Substring(target)
        if target == "*" {
            // RFC 9112 §3.2.4: asterisk-form is only for a server-wide OPTIONS.
            guard method == .options else { throw .badRequest("The * target is only for OPTIONS.") }
            (rawPath, path, pathSegments, query) = ("*", "*", [], [])
            return
        }
        if !target.hasPrefix("/") {
            // RFC 9112 §3.2.2: a server must accept absolute-form; only the path and query matter here.
            let lower = target.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://"),
                  let schemeEnd = target.range(of: "://") else { throw .badRequest("The request target is not a path.") }
            let afterAuthority = target[schemeEnd.upperBound...]
            pathAndQuery = afterAuthority.firstIndex(where: { $0 == "/" || $0 == "?" }).map { afterAuthority[$0...] } ?? "/"
            if pathAndQuery.hasPrefix("?") { pathAndQuery = "/" + pathAndQuery }
        }
        let queryStart = pathAndQuery.firstIndex(of: "?")
        let raw = queryStart.map { pathAndQuery[..<$0] } ?? pathAndQuery
        rawPath = String(raw)
        pathSegments = try PercentEncoding.normalisedPath(raw)
        path = "/" + pathSegments.joined(separator: "/")
        var items: [QueryItem] = []
        if let queryStart {
            for pair in pathAndQuery[pathAndQuery.index(after: queryStart)...].split(separator: "&") {
                let (name, value) = try PercentEncoding.decodePair(pair)
                items.append(QueryItem(name: name, value: value))
            }
        }
        query = items
    }

    /// The first value of the query item `name`, or nil.
    public func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }

    /// The cookies sent with the request.
    public var cookies: Cookies { Cookies(headerValues: headers.values("Cookie")) }

    /// Whether the client asked for JSON rather than HTML (see `Negotiation`).
    public var prefersJSON: Bool { Negotiation.prefersJSON(accept: headers["Accept"]) }
}
