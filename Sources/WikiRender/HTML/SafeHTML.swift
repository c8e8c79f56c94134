/// HTML that is safe to insert into a page as it is; only the renderer, the sanitizer and the
/// escaping helpers of this module can make one.
public struct SafeHTML: Hashable, Sendable {
    /// The UTF-8 bytes of the HTML.
    public let bytes: [UInt8]
    init(trusted bytes: [UInt8]) { self.bytes = bytes }
    /// Escapes `text` (text content or a double-quoted attribute value).
    public init(escaping text: String) {
        var out: [UInt8] = []
        HTMLEscaping.escapeText(Array(text.utf8)[...], into: &out)
        self.bytes = out
    }
    /// The HTML as a string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
