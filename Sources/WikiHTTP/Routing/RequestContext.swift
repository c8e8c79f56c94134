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
    /// Free-form values set by earlier layers (such as the signed-in user) for later ones.
    public var values: [String: String] = [:]

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
