/// The fields of a form post: `application/x-www-form-urlencoded` or `multipart/form-data`.
public struct FormData: Sendable {
    /// Limits on a form beyond the request body limit.
    public struct Limits: Sendable {
        /// The most fields or parts: 413 beyond it.
        public var fields = 1000
        /// The largest header block of one multipart part: 400 beyond it.
        public var partHeaderBytes = 8 * 1024
        /// Defaults as documented on each property.
        public init() {}
    }

    /// One field; multipart file fields also have a file name and content type.
    public struct Part: Sendable {
        public var name: String
        public var filename: String?
        public var contentType: String?
        public var bytes: [UInt8]
        /// The value as text (invalid UTF-8 repaired).
        public var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// Every field in order, duplicates kept.
    public let parts: [Part]

    /// Parses the request body according to its `Content-Type`; any other type is a 415.
    public init(request: Request, limits: Limits = Limits()) throws(HTTPError) {
        let contentType = request.headers["Content-Type"] ?? ""
        let mediaType = contentType.split(separator: ";").first?.trimmingSpaces.lowercased() ?? ""
        switch mediaType {
        case "application/x-www-form-urlencoded":
            parts = try Self.parseURLEncoded(request.body, limits: limits)
        case "multipart/form-data":
            var parser = try Multipart(contentType: contentType, limits: limits)
            parts = try parser.parse(request.body)
        default:
            throw HTTPError(.unsupportedMediaType, "Expected a urlencoded or multipart form.")
        }
    }

    /// The text of the first field `name`, or nil.
    public subscript(name: String) -> String? { parts.first { $0.name == name }?.text }

    /// The first part `name` that carries a file name, or nil.
    public func file(_ name: String) -> Part? { parts.first { $0.name == name && $0.filename != nil } }

    private static func parseURLEncoded(_ body: [UInt8], limits: Limits) throws(HTTPError) -> [Part] {
        let text = String(decoding: body, as: UTF8.self)
        var parts: [Part] = []
        for pair in text.split(separator: "&") {
            guard parts.count < limits.fields else { throw HTTPError(.contentTooLarge, "More than \(limits.fields) form fields.") }
            let (name, value) = try PercentEncoding.decodePair(pair)
            parts.append(Part(name: name, filename: nil, contentType: nil, bytes: Array(value.utf8)))
        }
        return parts
    }
}
