/// Scanners the tokenizers share. Each takes a start index and returns the index just past what it
/// matched (never beyond `end`), reading each byte once, so a tokenizer built from them stays linear.
extension Lexer {
    static let newline: UInt8 = 10

    /// A set of words written space-separated, as bytes (lowercase where matching ignores case).
    static func words(_ list: String) -> Set<[UInt8]> {
        Set(list.split(separator: " ").map { Array($0.utf8) })
    }

    /// The index of the next newline at or after `start`, or `end`.
    func lineEnd(from start: Int) -> Int {
        var index = start
        while index < end, bytes[index] != Self.newline { index += 1 }
        return index
    }

    /// Past spaces and tabs from `start`.
    func spaces(from start: Int) -> Int {
        var index = start
        while index < end, bytes[index] == 32 || bytes[index] == 9 { index += 1 }
        return index
    }

    /// A quoted string opened at `start` by the byte there: past its closing quote, or, unterminated,
    /// at the end of the line (`multiline == false`) or of the code. A backslash escapes the next byte
    /// when `escapes` is on; `doubled` lets a quote written twice (`'it''s'` in SQL) stand for one.
    func quoted(from start: Int, escapes: Bool, multiline: Bool, doubled: Bool = false) -> Int {
        let quote = bytes[start]
        var index = start + 1
        while index < end {
            let c = bytes[index]
            if c == quote {
                if doubled, index + 1 < end, bytes[index + 1] == quote { index += 2; continue }
                return index + 1
            }
            if c == Self.newline && !multiline { return index }
            index += escapes && c == UInt8(ascii: "\\") ? 2 : 1
        }
        return end
    }

    /// Past the first `close` at or after `start` (a block comment, a triple-quoted string), or `end`.
    /// `escapes` skips the byte after a backslash, as inside Python's triple-quoted strings.
    func delimited(from start: Int, by close: [UInt8], escapes: Bool = false) -> Int {
        guard let first = close.first else { return start }
        var index = start
        while index < end {
            let c = bytes[index]
            if escapes && c == UInt8(ascii: "\\") { index += 2; continue }
            if c == first, index + close.count <= end, bytes[index..<(index + close.count)].elementsEqual(close) {
                return index + close.count
            }
            index += 1
        }
        return end
    }

    /// Past the rest of the line (a line comment starting at `start`), leaving the newline.
    func lineComment(from start: Int) -> Int { lineEnd(from: start) }

    /// A number starting at `start` (a digit, or `.` then a digit): digits, letters (hex digits,
    /// `0x`/`0b`/`0o` prefixes, suffixes such as `j` or `i`), `_`, `.` and a sign after an exponent.
    func number(from start: Int) -> Int {
        var index = start
        let hex = start + 1 < end && bytes[start] == UInt8(ascii: "0") && bytes[start + 1] | 0x20 == UInt8(ascii: "x")
        while index < end {
            let c = bytes[index]
            if Scanner.isAlphanumeric(c) || c == UInt8(ascii: "_") {
                index += 1
                if !hex, c | 0x20 == UInt8(ascii: "e"), index < end,
                   bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            } else if c == UInt8(ascii: "."), !hex, index + 1 < end, Scanner.isDigit(bytes[index + 1]) {
                index += 1
            } else {
                break
            }
        }
        return index
    }

    /// Whether a number starts at `index`.
    func startsNumber(at index: Int) -> Bool {
        let c = byte(at: index)
        return Scanner.isDigit(c) || (c == UInt8(ascii: ".") && Scanner.isDigit(byte(at: index + 1)))
    }

    /// Past an identifier (`[A-Za-z_][A-Za-z0-9_]*`, plus any non-ASCII byte) starting at `start`.
    func identifier(from start: Int) -> Int {
        var index = start
        while index < end, Self.isIdentifierByte(bytes[index]) { index += 1 }
        return index
    }

    /// Letters, digits, `_` and non-ASCII bytes (identifiers in UTF-8 names are kept whole).
    @inline(__always) static func isIdentifierByte(_ c: UInt8) -> Bool {
        Scanner.isAlphanumeric(c) || c == UInt8(ascii: "_") || c >= 0x80
    }

    /// Letters, `_` and non-ASCII bytes.
    @inline(__always) static func isIdentifierStart(_ c: UInt8) -> Bool {
        Scanner.isAlpha(c) || c == UInt8(ascii: "_") || c >= 0x80
    }

    /// The bytes of `range`, ASCII-lowercased when `lowercase`; nil for a word too long to be in any list.
    func word(_ range: Range<Int>, lowercase: Bool = false) -> [UInt8]? {
        guard range.count <= 32 else { return nil }
        return lowercase ? bytes[range].map(Scanner.lower) : Array(bytes[range])
    }

    /// Past a run of bytes that are all in `set` (ASCII punctuation runs such as `&&` or `>>`).
    func run(from start: Int, of set: [UInt8]) -> Int {
        var index = start
        while index < end, set.contains(bytes[index]) { index += 1 }
        return index
    }
}
