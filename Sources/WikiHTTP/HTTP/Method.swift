/// A request method: any RFC 9110 token, with constants for the common ones.
public struct Method: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The method as sent, e.g. `GET` (methods are case-sensitive, RFC 9110 §9.1).
    public let rawValue: String

    /// Wraps a method token; the parser has already checked it is a token.
    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static let get = Method(rawValue: "GET")
    public static let head = Method(rawValue: "HEAD")
    public static let post = Method(rawValue: "POST")
    public static let put = Method(rawValue: "PUT")
    public static let delete = Method(rawValue: "DELETE")
    public static let patch = Method(rawValue: "PATCH")
    public static let options = Method(rawValue: "OPTIONS")
}
