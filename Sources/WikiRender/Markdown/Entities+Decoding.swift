// Entity and numeric character references (CommonMark 0.31.2 §2.5) and backslash escapes (§2.4).
extension Entities {
    /// Decodes the reference starting at the `&` at `pos` into `out`; returns the index after its `;`,
    /// or nil (and appends nothing) when there is no valid reference there.
    static func decode(_ s: ArraySlice<UInt8>, at pos: Int, into out: inout [UInt8]) -> Int? {
        let end = s.endIndex
        @inline(__always) func at(_ i: Int) -> UInt8 { s[i] }
        var i = pos + 1
        guard i < end else { return nil }
        if at(i) == UInt8(ascii: "#") {
            i += 1
            guard i < end else { return nil }
            var code: UInt32 = 0
            var digits = 0
            if at(i) | 0x20 == UInt8(ascii: "x") {
                i += 1
                while i < end && Scanner.isHexDigit(at(i)) && digits < 7 {
                    let c = at(i)
                    code = code * 16 + UInt32(Scanner.isDigit(c) ? c - 48 : (c | 0x20) - 87)
                    i += 1; digits += 1
                }
                guard digits >= 1 && digits <= 6 else { return nil }
            } else {
                while i < end && Scanner.isDigit(at(i)) && digits < 8 {
                    code = code * 10 + UInt32(at(i) - 48)
                    i += 1; digits += 1
                }
                guard digits >= 1 && digits <= 7 else { return nil }
            }
            guard i < end && at(i) == UInt8(ascii: ";") else { return nil }
            appendScalar(code, into: &out)
            return i + 1
        }
        let nameStart = i
        while i < end && Scanner.isAlphanumeric(at(i)) && i - nameStart <= maximumNameLength { i += 1 }
        guard i < end, at(i) == UInt8(ascii: ";"), i > nameStart else { return nil }
        guard let value = table[Array(s[nameStart..<i])] else { return nil }
        out.append(contentsOf: value)
        return i + 1
    }

    /// Appends the UTF-8 of `code`, or U+FFFD for 0, surrogates and values past U+10FFFF.
    static func appendScalar(_ code: UInt32, into out: inout [UInt8]) {
        let scalar = (code == 0 ? nil : Unicode.Scalar(code)) ?? "\u{FFFD}"
        let value = scalar.value
        switch value {
        case 0..<0x80:
            out.append(UInt8(value))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (value >> 6))); out.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (value >> 12))); out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (value & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (value >> 18))); out.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((value >> 6) & 0x3F))); out.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    /// Copies `text` into `out`, resolving backslash escapes of ASCII punctuation and entity references
    /// (link destinations, titles and info strings, §6.3 and §4.5).
    static func unescape(_ text: ArraySlice<UInt8>, into out: inout [UInt8]) {
        unescape(text, backslashes: true, into: &out)
    }

    /// Copies `text` into `out`, resolving entity references only (autolinks, §6.5).
    static func unescapeEntities(_ text: ArraySlice<UInt8>, into out: inout [UInt8]) {
        unescape(text, backslashes: false, into: &out)
    }

    private static func unescape(_ text: ArraySlice<UInt8>, backslashes: Bool, into out: inout [UInt8]) {
        var i = text.startIndex
        let end = text.endIndex
        while i < end {
            let c = text[i]
            if backslashes && c == UInt8(ascii: "\\") && i + 1 < end && Scanner.isPunctuation(text[i + 1]) {
                out.append(text[i + 1])
                i += 2
            } else if c == UInt8(ascii: "&"), let next = decode(text, at: i, into: &out) {
                i = next
            } else {
                out.append(c)
                i += 1
            }
        }
    }
}
