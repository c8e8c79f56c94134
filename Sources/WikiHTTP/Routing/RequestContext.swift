import Synchronization

/// Per-request values a handler may need besides the request: route parameters, an id and a logger.
public struct RequestContext: Sendable {
    private static let counter = Atomic<UInt64>(0)

    /// A process-unique number for log lines.
    public let requestID: UInt64
    /// The server's logger.
    public let logger: Logger
    /// The route parameters, e.g. `page` for `/wiki/{page...}`.
    public internal(set) var parameters: [String: String] = [:]
    /// The pattern of the route that answered (e.g. `/wiki/{page...}`), nil before routing or when none matched.
    public internal(set) var route: String?
    /// Free-form values set by earlier layers for later ones.
    public var values: [String: String] = [:]
    /// The signed-in user, set by the authentication layer before routing; nil for an anonymous visitor.
    public var user: User?
    /// How `user` was established; requests proven by a header (HTTP Basic, a trusted proxy) need no CSRF token.
    public var authentication: Authentication?
    /// The browser session's CSRF token, which every state-changing form must carry.
    public var csrfToken: String?

    /// A context with a fresh request id.
    public init(logger: Logger) {
        requestID = Self.counter.add(1, ordering: .relaxed).newValue
        self.logger = logger
    }

    /// The route parameter `name`; a missing one is a programmer error in the route table, answered 500.
    public func parameter(_ name: String) throws -> String {
        guard let value = parameters[name] else {
            throw HTTPError(.internalServerError, "The route has no parameter \(name).")
        }
        return value
    }
}
