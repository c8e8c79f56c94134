/// The protocol version of a request line.
public struct HTTPVersion: Hashable, Sendable, CustomStringConvertible {
    /// The major and minor digits.
    public let major: Int, minor: Int
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)
    public var description: String { "HTTP/\(major).\(minor)" }
}

/// How the body of a request is framed (RFC 9112 §6.3).
enum BodyFraming: Equatable, Sendable {
    case none
    case length(Int)
    case chunked
}

/// A parsed request line and header section, before the body.
struct RequestHead: Sendable {
    var method: Method
    var target: String
    var version: HTTPVersion
    var headers: Headers
    var framing: BodyFraming
    /// Whether the connection may carry another request after this one (RFC 9112 §9.3).
    var keepAlive: Bool
    /// Whether the client waits for `100 Continue` before sending the body (RFC 9110 §10.1.1).
    var expectsContinue: Bool
}

/// What the parser produced from the bytes so far.
enum ParseEvent: Sendable {
    /// The head is complete; the body (if any) follows.
    case head(RequestHead)
    /// The whole request is complete.
    case complete(RequestHead, body: [UInt8])
}
