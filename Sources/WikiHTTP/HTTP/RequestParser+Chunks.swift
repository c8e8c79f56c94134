extension RequestParser {
    /// chunk-size [ chunk-ext ] (RFC 9112 §7.1): hex digits, then only well-formed extensions.
    static func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPError) -> Int {
        var size = 0, index = line.startIndex
        while index < line.endIndex, let digit = ASCII.hexValue(line[index]) {
            // 15 hex digits stay below Int.max; anything longer is an overflow attempt.
            guard index - line.startIndex < 15 else { throw .badRequest("The chunk size is too large.") }
            size = size * 16 + digit
            index += 1
        }
        guard index > line.startIndex else { throw .badRequest("The chunk size is not hexadecimal.") }
        guard isValidExtensions(line[index...]) else { throw .badRequest("A chunk extension is malformed.") }
        return size
    }

    /// chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ), values being tokens
    /// or quoted strings (RFC 9112 §7.1.1). Extensions are validated, then ignored.
    static func isValidExtensions(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        func skipWhitespace() {
            while index < bytes.endIndex, bytes[index] == ASCII.space || bytes[index] == ASCII.tab { index += 1 }
        }
        func skipToken() -> Bool {
            let start = index
            while index < bytes.endIndex, ASCII.isTokenByte(bytes[index]) { index += 1 }
            return index > start
        }
        func skipQuoted() -> Bool {
            index += 1
            while index < bytes.endIndex {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { index += 1; return true }
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard index < bytes.endIndex, ASCII.isFieldValueByte(bytes[index]) else { return false }
                } else if !ASCII.isFieldValueByte(byte) {
                    return false
                }
                index += 1
            }
            return false
        }
        while true {
            skipWhitespace()
            guard index < bytes.endIndex else { return true }
            guard bytes[index] == ASCII.semicolon else { return false }
            index += 1
            skipWhitespace()
            guard skipToken() else { return false }
            skipWhitespace()
            guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "=") else { continue }
            index += 1
            skipWhitespace()
            guard index < bytes.endIndex else { return false }
            guard bytes[index] == UInt8(ascii: "\"") ? skipQuoted() : skipToken() else { return false }
        }
    }
}
