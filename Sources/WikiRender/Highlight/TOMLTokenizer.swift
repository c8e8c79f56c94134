/// TOML 1.0: table headers, keys (bare, quoted, dotted), the four kinds of string, numbers, dates
/// and times, booleans, comments, arrays and inline tables.
enum TOMLTokenizer {
    static let literals = Lexer.words("true false inf nan")
    private static let punctuation = Array("=.,[]{}".utf8)

    /// Tokenizes `lexer.position..<lexer.end`.
    static func tokenize(_ lexer: inout Lexer) {
        var lineStart = true
        while !lexer.atEnd {
            let c = lexer.peek()
            if c == Lexer.newline { lexer.skip(); lineStart = true; continue }
            if c == 32 || c == 9 || c == 13 { lexer.skip(); continue }
            let firstOnLine = lineStart
            // `+1`, `-0.5`, `-inf`
            let signed = lexer.startsNumber(at: lexer.position + 1) || Scanner.isAlpha(lexer.peek(1))
            lineStart = false
            switch c {
            case UInt8(ascii: "#"):
                lexer.span(.comment, to: lexer.lineComment(from: lexer.position))
            case UInt8(ascii: "[") where firstOnLine:
                // TOML §Table: `[name]` or `[[name]]` on a line of its own.
                var stop = lexer.position
                while stop < lexer.end, lexer.bytes[stop] != Lexer.newline, lexer.bytes[stop] != UInt8(ascii: "#") { stop += 1 }
                while stop > lexer.position, lexer.bytes[stop - 1] != UInt8(ascii: "]") { stop -= 1 }
                if stop > lexer.position { lexer.span(.keyword, to: stop) } else { lexer.span(.punctuation, to: lexer.position + 1) }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let stop = string(lexer)
                lexer.span(isKey(lexer, after: stop) ? .key : .string, to: stop)
            case UInt8(ascii: "+") where signed, UInt8(ascii: "-") where signed:
                lexer.span(.number, to: value(lexer, from: lexer.position + 1))
            case _ where Scanner.isDigit(c):
                let keyStop = lexer.run(from: lexer.position, of: bareKeyBytes)
                if isKey(lexer, after: keyStop) {
                    lexer.span(.key, to: keyStop)
                } else {
                    lexer.span(.number, to: value(lexer, from: lexer.position))
                }
            case _ where bareKeyBytes.contains(c):
                let stop = lexer.run(from: lexer.position, of: bareKeyBytes)
                if isKey(lexer, after: stop) {
                    lexer.span(.key, to: stop)
                } else if let word = lexer.word(lexer.position..<stop), literals.contains(word) {
                    lexer.span(.literal, to: stop)
                } else {
                    lexer.skip(stop - lexer.position)
                }
            case _ where punctuation.contains(c):
                lexer.span(.punctuation, to: lexer.position + 1)
            default:
                lexer.skip()
            }
        }
    }

    /// TOML §Keys: A-Z a-z 0-9 _ -.
    private static let bareKeyBytes: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".utf8)
    private static let valueBytes = bareKeyBytes + Array(".:+".utf8)

    /// A key part is followed by `=` or by `.` and another part.
    private static func isKey(_ lexer: Lexer, after stop: Int) -> Bool {
        let next = lexer.byte(at: lexer.spaces(from: stop))
        return next == UInt8(ascii: "=") || next == UInt8(ascii: ".")
    }

    /// A number, date or time: digits, letters (`0x`, `e`, `T`, `Z`, `inf`), `_ . : + -`.
    private static func value(_ lexer: Lexer, from start: Int) -> Int {
        lexer.run(from: start, of: valueBytes)
    }

    /// TOML §String: `"""…"""` and `'''…'''` span lines; `"…"` has escapes, `'…'` none.
    private static func string(_ lexer: Lexer) -> Int {
        let quote = lexer.peek()
        let escapes = quote == UInt8(ascii: "\"")
        if lexer.peek(1) == quote && lexer.peek(2) == quote {
            var stop = lexer.delimited(from: lexer.position + 3, by: [quote, quote, quote], escapes: escapes)
            // Up to two more quotes right before the closing three belong to the string (TOML §String).
            for _ in 0..<2 where lexer.byte(at: stop) == quote { stop += 1 }
            return stop
        }
        return lexer.quoted(from: lexer.position, escapes: escapes, multiline: false)
    }
}
