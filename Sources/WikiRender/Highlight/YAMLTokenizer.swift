/// YAML (1.2, as in Kubernetes manifests and Ansible playbooks): keys, quoted and plain scalars,
/// numbers and literals, comments, anchors, aliases and tags, flow collections, sequence dashes,
/// document markers and block scalars (`|`, `>`: their indented lines are one string).
enum YAMLTokenizer {
    /// YAML 1.1 booleans too (`yes`, `on`), since Ansible and older tools still read them as such.
    static let literals = Lexer.words("true false null yes no on off ~")
    private static let flowIndicators = Array(",[]{}".utf8)

    /// Tokenizes `lexer.position..<lexer.end`, line by line.
    static func tokenize(_ lexer: inout Lexer) {
        var blockParent: Int? = nil
        while !lexer.atEnd {
            let lineStop = lexer.lineEnd(from: lexer.position)
            let contentStart = lexer.spaces(from: lexer.position)
            let indent = contentStart - lexer.position
            // YAML 1.2 §8.1.1.1: a block scalar's lines are those indented more than its parent node.
            if let parent = blockParent, contentStart == lineStop || indent > parent {
                lexer.span(.string, to: lineStop)
                lexer.skip()
                continue
            }
            blockParent = nil
            lexer.skip(indent)
            if line(&lexer) { blockParent = indent }
            lexer.skip()
        }
    }

    /// One line (more when a quoted scalar spans lines), up to its newline; true when it opens a block scalar.
    private static func line(_ lexer: inout Lexer) -> Bool {
        var lineStop = lexer.lineEnd(from: lexer.position)
        let lineStart = lexer.position
        var flowDepth = 0
        var opensBlock = false
        // Directives and document markers start in the first column.
        let firstColumn = lexer.position == 0 || lexer.byte(at: lexer.position - 1) == Lexer.newline
        if firstColumn && lexer.peek() == UInt8(ascii: "%") {
            lexer.span(.keyword, to: lineStop)
        } else if firstColumn && isDocumentMarker(lexer) {
            lexer.span(.punctuation, to: lexer.position + 3)
        }
        while lexer.position < lineStop {
            let c = lexer.peek()
            let next = lexer.peek(1)
            let nextIsSpace = next == 32 || next == 9 || next == Lexer.newline || next == 13 || next == 0
            switch c {
            case 32, 9, 13:
                lexer.skip()
            case UInt8(ascii: "#") where lexer.position == lineStart || [32, 9].contains(lexer.byte(at: lexer.position - 1)):
                lexer.span(.comment, to: lineStop)
            case UInt8(ascii: "-") where nextIsSpace, UInt8(ascii: "?") where nextIsSpace, UInt8(ascii: ":") where nextIsSpace:
                lexer.span(.punctuation, to: lexer.position + 1)
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flowDepth += 1
                lexer.span(.punctuation, to: lexer.position + 1)
            case UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ","):
                if c != UInt8(ascii: ",") { flowDepth = max(flowDepth - 1, 0) }
                lexer.span(.punctuation, to: lexer.position + 1)
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let double = c == UInt8(ascii: "\"")
                let stop = lexer.quoted(from: lexer.position, escapes: double, multiline: true, doubled: !double)
                lexer.span(isKey(lexer, after: stop, flow: flowDepth > 0) ? .key : .string, to: stop)
                if stop > lineStop { lineStop = lexer.lineEnd(from: stop) }
            case UInt8(ascii: "&") where !nextIsSpace, UInt8(ascii: "*") where !nextIsSpace, UInt8(ascii: "!") where !nextIsSpace:
                var stop = lexer.position + 1
                while stop < lineStop, ![32, 9, 13].contains(lexer.bytes[stop]), !flowIndicators.contains(lexer.bytes[stop]) { stop += 1 }
                lexer.span(c == UInt8(ascii: "!") ? .builtin : .variable, to: stop)
            case UInt8(ascii: "|"), UInt8(ascii: ">"):
                let stop = lexer.run(from: lexer.position + 1, of: Array("-+0123456789".utf8))
                lexer.span(.punctuation, to: stop)
                opensBlock = true
            default:
                scalar(&lexer, lineStop: lineStop, flow: flowDepth > 0)
            }
        }
        return opensBlock
    }

    /// `---` or `...` followed by a space or the end of the line.
    private static func isDocumentMarker(_ lexer: Lexer) -> Bool {
        let c = lexer.peek()
        guard c == UInt8(ascii: "-") || c == UInt8(ascii: ".") else { return false }
        let after = lexer.peek(3)
        return lexer.peek(1) == c && lexer.peek(2) == c && (after == 0 || after == 32 || after == 9 || after == Lexer.newline || after == 13)
    }

    /// Whether a `:` that makes the scalar ending at `stop` a mapping key follows (spaces allowed before it).
    private static func isKey(_ lexer: Lexer, after stop: Int, flow: Bool) -> Bool {
        let colon = lexer.spaces(from: stop)
        guard lexer.byte(at: colon) == UInt8(ascii: ":") else { return false }
        let next = lexer.byte(at: colon + 1)
        return next == 0 || next == 32 || next == 9 || next == Lexer.newline || next == 13 || (flow && flowIndicators.contains(next))
    }

    /// A plain scalar up to `: `, ` #`, the end of the line or (inside `[]`/`{}`) a flow indicator:
    /// a key, a literal, a number or a string.
    private static func scalar(_ lexer: inout Lexer, lineStop: Int, flow: Bool) {
        var stop = lexer.position
        while stop < lineStop {
            let c = lexer.bytes[stop]
            if c == UInt8(ascii: ":"), isKey(lexer, after: stop, flow: flow) { break }
            if c == UInt8(ascii: "#"), stop > lexer.position, [32, 9].contains(lexer.bytes[stop - 1]) { break }
            if flow, flowIndicators.contains(c) { break }
            stop += 1
        }
        var trimmed = stop
        while trimmed > lexer.position, [32, 9, 13].contains(lexer.bytes[trimmed - 1]) { trimmed -= 1 }
        guard trimmed > lexer.position else { lexer.skip(max(stop - lexer.position, 1)); return }
        let kind: TokenKind
        if stop < lineStop, lexer.bytes[stop] == UInt8(ascii: ":") {
            kind = .key
        } else if let word = lexer.word(lexer.position..<trimmed, lowercase: true), literals.contains(word) {
            kind = .literal
        } else if isNumber(lexer, lexer.position..<trimmed) {
            kind = .number
        } else {
            kind = .string
        }
        lexer.span(kind, to: trimmed)
    }

    private static func isNumber(_ lexer: Lexer, _ range: Range<Int>) -> Bool {
        var start = range.lowerBound
        let sign = lexer.bytes[start]
        if sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { start += 1 }
        return start < range.upperBound && lexer.startsNumber(at: start) && lexer.number(from: start) == range.upperBound
    }
}
