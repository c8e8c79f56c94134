/// JSON (RFC 8259): object keys, strings with escapes, numbers, `true`/`false`/`null` and punctuation;
/// anything else (comments in JSONC, stray bytes) stays plain.
enum JSONTokenizer {
    private static let literals = Lexer.words("true false null")
    private static let punctuation = Array("{}[],:".utf8)

    /// Tokenizes `lexer.position..<lexer.end`.
    static func tokenize(_ lexer: inout Lexer) {
        while !lexer.atEnd {
            let c = lexer.peek()
            if c == UInt8(ascii: "\"") {
                let stop = lexer.quoted(from: lexer.position, escapes: true, multiline: false)
                // RFC 8259 §4: a string followed by `:` is a member name.
                var after = stop
                while after < lexer.end, Scanner.isWhitespace(lexer.bytes[after]) { after += 1 }
                lexer.span(lexer.byte(at: after) == UInt8(ascii: ":") ? .key : .string, to: stop)
            } else if punctuation.contains(c) {
                lexer.span(.punctuation, to: lexer.position + 1)
            } else if c == UInt8(ascii: "-") && lexer.startsNumber(at: lexer.position + 1) {
                lexer.span(.number, to: lexer.number(from: lexer.position + 1))
            } else if lexer.startsNumber(at: lexer.position) {
                lexer.span(.number, to: lexer.number(from: lexer.position))
            } else if Scanner.isAlpha(c) {
                let stop = lexer.identifier(from: lexer.position)
                if let word = lexer.word(lexer.position..<stop), literals.contains(word) {
                    lexer.span(.literal, to: stop)
                } else {
                    lexer.skip(stop - lexer.position)
                }
            } else {
                lexer.skip()
            }
        }
    }
}
