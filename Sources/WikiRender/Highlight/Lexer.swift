/// The cursor and output every tokenizer shares. A tokenizer only moves `position` forward and marks
/// the bytes it has passed as a token with `span(_:to:)`; bytes it passes without marking are written
/// as plain text. So the text of the output is always exactly the input, every byte of it escaped, and
/// a tokenizer that only moves forward is linear.
struct Lexer {
    /// The whole code block.
    let bytes: [UInt8]
    /// Where the tokenizer is; everything before it has been classified.
    var position = 0
    /// Where the tokenizer must stop (the end of the block, or of an embedded region such as a
    /// Dockerfile `RUN` instruction handed to the shell tokenizer).
    var end: Int
    /// The HTML written so far.
    private(set) var out: [UInt8] = []
    /// Bytes before this index are written.
    private var written = 0
    /// The span still open, so that adjacent tokens of one kind share a single `<span>`.
    private var open: TokenKind?

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        end = bytes.count
        out.reserveCapacity(bytes.count * 2 + 64)
    }

    /// Whether the tokenizer has reached `end`.
    var atEnd: Bool { position >= end }

    /// The byte `offset` after `position`, or 0 past `end` (no tokenizer looks for NUL).
    @inline(__always) func peek(_ offset: Int = 0) -> UInt8 {
        let index = position + offset
        return index < end ? bytes[index] : 0
    }

    /// The byte at `index`, or 0 outside `0..<end`.
    @inline(__always) func byte(at index: Int) -> UInt8 {
        index >= 0 && index < end ? bytes[index] : 0
    }

    /// Marks `position..<stop` as one token of `kind` and moves past it; bytes skipped before it are plain.
    mutating func span(_ kind: TokenKind, to stop: Int) {
        precondition(stop >= position && stop <= end, "a token must lie ahead of the cursor")
        guard stop > position else { return }
        if open != kind || written < position {
            flushPlain()
            put(TokenKind.openTags[kind] ?? [])
            open = kind
        }
        HTMLEscaping.escapeText(bytes[position..<stop], into: &out)
        position = stop
        written = stop
    }

    /// Moves past `count` bytes (clamped to `end`) without marking them: they are written as plain text.
    @inline(__always) mutating func skip(_ count: Int = 1) {
        position = min(position + count, end)
    }

    /// Writes whatever is left up to the end of the bytes as plain text and returns the HTML.
    mutating func finish() -> [UInt8] {
        position = max(position, bytes.count)
        flushPlain()
        return out
    }

    /// Closes the open span and writes the skipped bytes before `position` as plain text.
    private mutating func flushPlain() {
        if written < position {
            closeSpan()
            HTMLEscaping.escapeText(bytes[written..<position], into: &out)
            written = position
        }
        closeSpan()
    }

    private mutating func closeSpan() {
        guard open != nil else { return }
        put(Self.closeTag)
        open = nil
    }

    private mutating func put(_ tag: [UInt8]) { out.append(contentsOf: tag) }

    private static let closeTag = Array("</span>".utf8)
}
