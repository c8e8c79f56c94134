/// The body of a JSON string literal (RFC 8259 §7), for JSON error bodies and JSON and logfmt log lines.
enum JSONEscaping {
    /// Escapes quote, backslash and every control character (C0, DEL, C1, U+2028 and U+2029, which some
    /// readers take for line ends); `escapingLessThan` also escapes `<`, so a JSON body never holds markup.
    static func escape(_ text: String, escapingLessThan: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<" where escapingLessThan: out += "\\u003c"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
