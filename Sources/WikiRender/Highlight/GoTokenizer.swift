/// Go: keywords, predeclared types and functions, `//` and `/* */` comments, interpreted strings,
/// raw strings in backquotes (spanning lines), runes and numbers.
enum GoTokenizer {
    static let keywords = Lexer.words("""
        break case chan const continue default defer else fallthrough for func go goto if import interface map \
        package range return select struct switch type var
        """)
    static let literals = Lexer.words("true false nil iota")
    static let builtins = Lexer.words("""
        bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8 \
        uint16 uint32 uint64 uintptr any comparable append cap clear close complex copy delete imag len make max \
        min new panic print println real recover
        """)
    private static let operators = Array("=<>!+-*/%|&^~.,;:()[]{}".utf8)

    /// Tokenizes `lexer.position..<lexer.end`.
    static func tokenize(_ lexer: inout Lexer) {
        while !lexer.atEnd {
            let c = lexer.peek()
            switch c {
            case UInt8(ascii: "/") where lexer.peek(1) == UInt8(ascii: "/"):
                lexer.span(.comment, to: lexer.lineComment(from: lexer.position))
            case UInt8(ascii: "/") where lexer.peek(1) == UInt8(ascii: "*"):
                lexer.span(.comment, to: lexer.delimited(from: lexer.position + 2, by: Array("*/".utf8)))
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                lexer.span(.string, to: lexer.quoted(from: lexer.position, escapes: true, multiline: false))
            case UInt8(ascii: "`"):
                // The Go spec, "String literals": a raw string has no escapes and may span lines.
                lexer.span(.string, to: lexer.quoted(from: lexer.position, escapes: false, multiline: true))
            case _ where lexer.startsNumber(at: lexer.position):
                lexer.span(.number, to: lexer.number(from: lexer.position))
            case _ where Lexer.isIdentifierStart(c):
                lexer.identifierToken(keywords: keywords, literals: literals, builtins: builtins)
            case _ where operators.contains(c):
                lexer.span(.punctuation, to: lexer.run(from: lexer.position, of: operators))
            default:
                lexer.skip()
            }
        }
    }
}
