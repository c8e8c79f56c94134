/// An error that carries the HTTP status to answer with; handlers throw it for expected failures.
public struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status of the answer.
    public var status: Status
    /// A short message shown to the client (escaped when rendered).
    public var message: String
    /// Extra response headers, such as `Allow` for 405 or `WWW-Authenticate` for 401.
    public var headers: [Headers.Field]

    /// An error answering `status` with `message` (the reason phrase when empty).
    public init(_ status: Status, _ message: String = "", headers: [Headers.Field] = []) {
        self.status = status
        self.message = message.isEmpty ? status.reason : message
        self.headers = headers
    }

    public var description: String { "\(status): \(message)" }

    /// 400 with a reason.
    public static func badRequest(_ message: String) -> HTTPError { HTTPError(.badRequest, message) }
    /// 404.
    public static let notFound = HTTPError(.notFound)
    /// 405 with the `Allow` header listing what the resource accepts (RFC 9110 §15.5.6).
    public static func methodNotAllowed(allowed: [Method]) -> HTTPError {
        HTTPError(.methodNotAllowed, headers: [.init(name: "Allow", value: allowed.map(\.rawValue).joined(separator: ", "))])
    }
}
