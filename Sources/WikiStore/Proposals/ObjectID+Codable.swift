/// Object ids in stored JSON (the proposal record) are 40 hex digits.
extension ObjectID: Codable {
    /// Decodes 40 hex digits.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = ObjectID(hex: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an object id: \(text.prefix(64))")
        }
        self = id
    }

    /// Encodes as 40 lowercase hex digits.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
