/// Percent-decoding and path normalisation: the one place a request's path and query are decoded.
enum PercentEncoding {
    /// Decodes `%XX` escapes once (and `+` as a space when `plusAsSpace`); nil for a malformed escape.
    static func decode(_ text: Substring, plusAsSpace: Bool) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var bytes = text.utf8[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard let high = bytes.popFirst().flatMap(ASCII.hexValue),
                      let low = bytes.popFirst().flatMap(ASCII.hexValue) else { return nil }
                out.append(UInt8(high * 16 + low))
            } else if plusAsSpace && byte == UInt8(ascii: "+") {
                out.append(ASCII.space)
            } else {
                out.append(byte)
            }
        }
        return out
    }

    /// Decodes a query or form component into text; invalid escapes or UTF-8 are a 400.
    static func decodeComponent(_ text: Substring) throws(HTTPError) -> String {
        guard let bytes = decode(text, plusAsSpace: true), let string = String(validating: bytes, as: UTF8.self) else {
            throw .badRequest("A query or form field is not valid percent-encoded UTF-8.")
        }
        return string
    }

    /// Splits `name=value` (a missing `=` means an empty value) and decodes both sides.
    static func decodePair(_ pair: Substring) throws(HTTPError) -> (name: String, value: String) {
        guard let equals = pair.firstIndex(of: "=") else { return (try decodeComponent(pair), "") }
        return (try decodeComponent(pair[..<equals]), try decodeComponent(pair[pair.index(after: equals)...]))
    }

    /// Decodes an origin-form path once, then removes dot segments (RFC 3986 §5.2.4).
    ///
    /// Decoding comes first so `%2e%2e` is a `..` too; a path that would climb above the root, or holds
    /// NUL or another control byte, or is not UTF-8, is a 400.
    static func normalisedPath(_ raw: Substring) throws(HTTPError) -> [String] {
        guard let bytes = decode(raw, plusAsSpace: false) else { throw .badRequest("The path has a malformed percent escape.") }
        guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { throw .badRequest("The path contains a control byte.") }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .badRequest("The path is not valid UTF-8.") }
        var segments: [String] = []
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, part) in parts.enumerated() {
            let isLast = index == parts.count - 1
            switch part {
            case ".":
                if isLast { segments.append("") }
            case "..":
                guard segments.popLast() != nil else { throw .badRequest("The path climbs above the root.") }
                if isLast { segments.append("") }
            default:
                segments.append(String(part))
            }
        }
        return segments
    }
}

extension PercentEncoding {
    /// Percent-encodes a path for a URL: unreserved bytes (RFC 3986 §2.3) and `/` stay, all else is `%XX`.
    static func encodePath(_ path: String) -> String {
        var out = ""
        out.reserveCapacity(path.utf8.count)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
            }
        }
        return out
    }

    /// Percent-encodes one query value (`application/x-www-form-urlencoded` style, `/` encoded too).
    static func encodeQueryValue(_ value: String) -> String {
        encodePath(value).replacingOccurrences(of: "/", with: "%2F")
    }
}
