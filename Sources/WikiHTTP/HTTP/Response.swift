/// One HTTP response as handlers build it; the server adds framing, `Date` and `Connection`.
public struct Response: Sendable {
    /// The body: bytes known in advance, or a writer that streams them (sent chunked).
    public enum Body: Sendable {
        case bytes([UInt8])
        /// Runs on the worker thread after the head is sent; each `write` blocks while the
        /// connection's queue is full, and throws once the client is gone.
        case stream(@Sendable (BodyWriter) throws -> Void)
    }

    /// The status.
    public var status: Status
    /// The headers (never `Content-Length` or `Transfer-Encoding`: the server sets those).
    public var headers: Headers
    /// The body.
    public var body: Body

    /// A response with the given parts.
    public init(status: Status = .ok, headers: Headers = [:], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// `bytes` with a content type.
    public static func bytes(_ bytes: [UInt8], contentType: String, status: Status = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": contentType], body: .bytes(bytes))
    }

    /// Plain UTF-8 text.
    public static func text(_ text: String, status: Status = .ok) -> Response {
        .bytes(Array(text.utf8), contentType: "text/plain; charset=utf-8", status: status)
    }

    /// An HTML document (security headers are added by the server).
    public static func html(_ html: [UInt8], status: Status = .ok) -> Response {
        .bytes(html, contentType: "text/html; charset=utf-8", status: status)
    }

    /// A JSON document.
    public static func json(_ json: [UInt8], status: Status = .ok) -> Response {
        .bytes(json, contentType: "application/json", status: status)
    }

    /// A redirect to `location` (303 by default, as after a form post).
    public static func redirect(to location: String, status: Status = .seeOther) -> Response {
        Response(status: status, headers: ["Location": location])
    }

    /// A streamed body of unknown length, sent with chunked transfer coding.
    public static func stream(contentType: String, status: Status = .ok,
                              _ write: @escaping @Sendable (BodyWriter) throws -> Void) -> Response {
        Response(status: status, headers: ["Content-Type": contentType], body: .stream(write))
    }

    /// Whether the body is HTML (security headers apply).
    var isHTML: Bool { headers["Content-Type"].map { $0.lowercased().hasPrefix("text/html") } ?? false }
}

/// The writing end of a streamed response body.
public struct BodyWriter: Sendable {
    let stream: ResponseStream

    /// Queues `bytes` for the client; blocks while the queue is full, throws when the connection is gone.
    public func write(_ bytes: [UInt8]) throws {
        try stream.write(bytes)
    }
}
