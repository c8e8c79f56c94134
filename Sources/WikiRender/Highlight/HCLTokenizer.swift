/// HCL (Terraform, Nomad, Packer): block types, attribute keys, strings with `${…}` interpolation,
/// heredocs, `#`, `//` and `/* */` comments, numbers, literals and function calls.
enum HCLTokenizer {
    static let keywords = Lexer.words("""
        resource data variable output module provider terraform locals backend required_providers lifecycle \
        provisioner connection dynamic content moved import check removed for in if else endif endfor job group \
        task service
        """)
    static let literals = Lexer.words("true false null")
    private static let operators = Array("=<>!+-*/%|&?:.,;()[]{}".utf8)

    /// Tokenizes `lexer.position..<lexer.end`.
    static func tokenize(_ lexer: inout Lexer) {
        var heredocs: [(delimiter: [UInt8], indented: Bool)] = []
        while !lexer.atEnd {
            let c = lexer.peek()
            switch c {
            case Lexer.newline:
                lexer.skip()
                for heredoc in heredocs { body(&lexer, terminator: heredoc.delimiter) }
                heredocs.removeAll()
            case UInt8(ascii: "#"):
                lexer.span(.comment, to: lexer.lineComment(from: lexer.position))
            case UInt8(ascii: "/") where lexer.peek(1) == UInt8(ascii: "/"):
                lexer.span(.comment, to: lexer.lineComment(from: lexer.position))
            case UInt8(ascii: "/") where lexer.peek(1) == UInt8(ascii: "*"):
                lexer.span(.comment, to: lexer.delimited(from: lexer.position + 2, by: Array("*/".utf8)))
            case UInt8(ascii: "\""):
                if isKey(lexer, after: lexer.quoted(from: lexer.position, escapes: true, multiline: false)) {
                    lexer.span(.key, to: lexer.quoted(from: lexer.position, escapes: true, multiline: false))
                } else {
                    interpolatedString(&lexer)
                }
            case UInt8(ascii: "<") where lexer.peek(1) == UInt8(ascii: "<") && Lexer.isIdentifierStart(lexer.peek(2) == UInt8(ascii: "-") ? lexer.peek(3) : lexer.peek(2)):
                let indented = lexer.peek(2) == UInt8(ascii: "-")
                let wordStart = lexer.position + (indented ? 3 : 2)
                let wordStop = lexer.identifier(from: wordStart)
                heredocs.append((Array(lexer.bytes[wordStart..<wordStop]), indented))
                lexer.span(.punctuation, to: wordStart)
                lexer.span(.keyword, to: wordStop)
            case _ where lexer.startsNumber(at: lexer.position):
                lexer.span(.number, to: lexer.number(from: lexer.position))
            case _ where Lexer.isIdentifierStart(c):
                identifier(&lexer)
            case _ where operators.contains(c):
                lexer.span(.punctuation, to: lexer.run(from: lexer.position, of: operators))
            default:
                lexer.skip()
            }
        }
    }

    /// A key (`name =`), a function call (`name(`), a keyword, a literal, or a plain name.
    private static func identifier(_ lexer: inout Lexer) {
        var stop = lexer.position
        while stop < lexer.end, Lexer.isIdentifierByte(lexer.bytes[stop]) || lexer.bytes[stop] == UInt8(ascii: "-") { stop += 1 }
        if isKey(lexer, after: stop) {
            lexer.span(.key, to: stop)
        } else if lexer.byte(at: stop) == UInt8(ascii: "(") {
            lexer.span(.builtin, to: stop)
        } else {
            lexer.identifierToken(keywords: keywords, literals: literals)
            lexer.skip(max(stop - lexer.position, 0))
        }
    }

    /// HCL native syntax §"Attribute Definitions": `name =` but not `name ==`.
    private static func isKey(_ lexer: Lexer, after stop: Int) -> Bool {
        let equals = lexer.spaces(from: stop)
        return lexer.byte(at: equals) == UInt8(ascii: "=") && lexer.byte(at: equals + 1) != UInt8(ascii: "=")
    }

    /// `"…"` with `${…}` and `%{…}` templates inside marked as variables.
    private static func interpolatedString(_ lexer: inout Lexer) {
        var index = lexer.position + 1
        while index < lexer.end {
            let c = lexer.bytes[index]
            if c == UInt8(ascii: "\\") { index += 2; continue }
            if c == UInt8(ascii: "\"") || c == Lexer.newline { index += c == Lexer.newline ? 0 : 1; break }
            if c == UInt8(ascii: "$") || c == UInt8(ascii: "%"), lexer.byte(at: index + 1) == UInt8(ascii: "{") {
                lexer.span(.string, to: index)
                var stop = index + 2
                while stop < lexer.end, lexer.bytes[stop] != UInt8(ascii: "}"), lexer.bytes[stop] != Lexer.newline { stop += 1 }
                if lexer.byte(at: stop) == UInt8(ascii: "}") { stop += 1 }
                lexer.span(.variable, to: stop)
                index = stop
                continue
            }
            index += 1
        }
        lexer.span(.string, to: min(index, lexer.end))
    }

    /// A heredoc body up to the line that is its delimiter (after optional indentation).
    private static func body(_ lexer: inout Lexer, terminator: [UInt8]) {
        var line = lexer.position
        while line < lexer.end {
            let lineStop = lexer.lineEnd(from: line)
            let text = lexer.spaces(from: line)
            var textStop = lineStop
            if textStop > text, lexer.bytes[textStop - 1] == 13 { textStop -= 1 }
            if lexer.bytes[text..<textStop].elementsEqual(terminator) {
                lexer.span(.string, to: line)
                lexer.skip(text - line)
                lexer.span(.keyword, to: textStop)
                return
            }
            line = lineStop + 1
        }
        lexer.span(.string, to: lexer.end)
    }
}
