/// The cookies of a request (RFC 6265 §5.4 `Cookie` header), first occurrence of a name wins.
public struct Cookies: Sendable {
    private let pairs: [(name: String, value: String)]

    /// Parses every `Cookie` header value; malformed pairs are skipped, as browsers do.
    public init(headerValues: [String]) {
        var pairs: [(String, String)] = []
        for header in headerValues {
            for pair in header.split(separator: ";") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let name = pair[..<equals].trimmingSpaces
                var value = pair[pair.index(after: equals)...].trimmingSpaces
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = value.dropFirst().dropLast() }
                guard !name.isEmpty else { continue }
                pairs.append((String(name), String(value)))
            }
        }
        self.pairs = pairs
    }

    /// The value of cookie `name`, or nil.
    public subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }
}

/// A `Set-Cookie` header value (RFC 6265 §4.1), safe defaults: `HttpOnly`, `SameSite=Lax`, `Path=/`.
public struct SetCookie: Sendable {
    public var name: String
    public var value: String
    public var path = "/"
    /// Seconds until expiry; nil for a session cookie, 0 to delete it.
    public var maxAge: Int?
    public var httpOnly = true
    public var secure = false
    public var sameSite = "Lax"

    /// A cookie with the safe defaults.
    public init(name: String, value: String, maxAge: Int? = nil, secure: Bool = false) {
        self.name = name
        self.value = value
        self.maxAge = maxAge
        self.secure = secure
    }

    /// The header value; bytes outside RFC 6265 cookie-octet are percent-encoded so nothing can inject attributes.
    public var headerValue: String {
        var text = "\(Self.encode(name))=\(Self.encode(value)); Path=\(Self.encode(path))"
        if let maxAge { text += "; Max-Age=\(maxAge)" }
        if httpOnly { text += "; HttpOnly" }
        if secure { text += "; Secure" }
        text += "; SameSite=\(Self.encode(sameSite))"
        return text
    }

    private static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let isOctet = byte == 0x21 || (0x23...0x2B).contains(byte) || (0x2D...0x3A).contains(byte)
                || (0x3C...0x5B).contains(byte) || (0x5D...0x7E).contains(byte)
            if isOctet && byte != UInt8(ascii: "%") && byte != UInt8(ascii: "=") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension Response {
    /// Adds a `Set-Cookie` header.
    public mutating func setCookie(_ cookie: SetCookie) {
        headers.add("Set-Cookie", cookie.headerValue)
    }
}
