/// Python 3: keywords, builtins, decorators, comments, numbers and strings with their prefixes
/// (`r`, `b`, `f`, `u` and pairs), single-quoted ones ending at the line, triple-quoted ones spanning lines.
enum PythonTokenizer {
    static let keywords = Lexer.words("""
        and as assert async await break class continue def del elif else except finally for from global if \
        import in is lambda nonlocal not or pass raise return try while with yield match case type
        """)
    static let literals = Lexer.words("True False None")
    static let builtins = Lexer.words("""
        print len range open int str float bool dict list set tuple bytes isinstance issubclass enumerate zip \
        map filter sorted reversed sum min max abs any all iter next getattr setattr hasattr super self cls \
        object type repr format input id hash round divmod Exception ValueError KeyError TypeError OSError \
        RuntimeError StopIteration
        """)
    private static let operators = Array("=<>!+-*/%|&^~.,;:()[]{}".utf8)

    /// Tokenizes `lexer.position..<lexer.end`.
    static func tokenize(_ lexer: inout Lexer) {
        while !lexer.atEnd {
            let c = lexer.peek()
            switch c {
            case UInt8(ascii: "#"):
                lexer.span(.comment, to: lexer.lineComment(from: lexer.position))
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                lexer.span(.string, to: string(lexer, quoteAt: lexer.position))
            case UInt8(ascii: "@") where Lexer.isIdentifierStart(lexer.peek(1)):
                var stop = lexer.identifier(from: lexer.position + 1)
                while lexer.byte(at: stop) == UInt8(ascii: "."), Lexer.isIdentifierStart(lexer.byte(at: stop + 1)) {
                    stop = lexer.identifier(from: stop + 1)
                }
                lexer.span(.variable, to: stop)
            case _ where lexer.startsNumber(at: lexer.position):
                lexer.span(.number, to: lexer.number(from: lexer.position))
            case _ where Lexer.isIdentifierStart(c):
                let stop = lexer.identifier(from: lexer.position)
                let quote = lexer.byte(at: stop)
                if (quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'")), isStringPrefix(lexer, lexer.position..<stop) {
                    lexer.span(.string, to: string(lexer, quoteAt: stop))
                } else {
                    lexer.identifierToken(keywords: keywords, literals: literals, builtins: builtins)
                }
            case _ where operators.contains(c):
                lexer.span(.punctuation, to: lexer.run(from: lexer.position, of: operators))
            default:
                lexer.skip()
            }
        }
    }

    /// Python §2.4.1: `r`, `u`, `b`, `f` and the pairs `rb`, `br`, `fr`, `rf`, any case.
    private static func isStringPrefix(_ lexer: Lexer, _ range: Range<Int>) -> Bool {
        guard let word = lexer.word(range, lowercase: true), word.count <= 2 else { return false }
        let letters = Set(word)
        return letters.count == word.count && letters.isSubset(of: Array("rubf".utf8))
            && !(letters.contains(UInt8(ascii: "u")) && word.count == 2)
            && !(letters.contains(UInt8(ascii: "b")) && letters.contains(UInt8(ascii: "f")))
    }

    /// Past the string whose opening quote is at `index`: triple-quoted ones run to their closing
    /// triple quote, others end at their quote or the end of the line. A backslash escapes the next
    /// byte, even in raw strings (where `\"` keeps both bytes but still does not end the string).
    private static func string(_ lexer: Lexer, quoteAt index: Int) -> Int {
        let quote = lexer.bytes[index]
        if lexer.byte(at: index + 1) == quote && lexer.byte(at: index + 2) == quote {
            return lexer.delimited(from: index + 3, by: [quote, quote, quote], escapes: true)
        }
        return lexer.quoted(from: index, escapes: true, multiline: false)
    }
}
