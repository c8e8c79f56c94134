/// One piece of an HTML fragment, as `HTMLTokenizer` finds it; ranges index the tokenizer's input.
enum HTMLToken: Equatable {
    /// Text up to the next `<` that starts markup (character references not decoded).
    case text(Range<Int>)
    /// A start tag, its name lowercased.
    case startTag(HTMLTag)
    /// An end tag, its name lowercased (attributes are parsed and ignored, as browsers do).
    case endTag(name: [UInt8])
    /// A comment, doctype, processing instruction, CDATA section or other bogus comment.
    case ignored
    /// A tag that reaches the end of the input without its `>`: browsers drop it and everything after
    /// it (HTML §13.2.5, "eof-in-tag"); the sanitizer shows it as text instead.
    case unterminated(Range<Int>)
}

/// A start tag: lowercased name, attributes in source order (first of each name only), `/>`.
struct HTMLTag: Equatable {
    var name: [UInt8]
    var attributes: [HTMLAttribute] = []
    var selfClosing = false
}

/// One attribute: lowercased name and the range of its raw value (nil when written without `=`).
struct HTMLAttribute: Equatable {
    var name: [UInt8]
    var value: Range<Int>?
}

/// A small HTML tokenizer over bytes that follows the states of HTML §13.2.5 for the data state,
/// tags, attributes (double-, single- and unquoted values), comments and bogus comments. It never
/// fails: broken markup becomes text or is ignored, and each byte is looked at a bounded number of
/// times, so it runs in linear time.
struct HTMLTokenizer {
    /// Attributes kept per tag; later ones are parsed and discarded.
    static let maxAttributes = 64

    let input: ArraySlice<UInt8>
    private(set) var position: Int

    init(_ input: ArraySlice<UInt8>) {
        self.input = input
        self.position = input.startIndex
    }

    /// The next token, or nil at the end of the input.
    mutating func next() -> HTMLToken? {
        guard position < input.endIndex else { return nil }
        let start = position
        guard input[start] == UInt8(ascii: "<") else {
            position = input[start...].firstIndex(of: UInt8(ascii: "<")) ?? input.endIndex
            return .text(start..<position)
        }
        let next = byte(at: start + 1)
        if let next, CharacterReferences.isAlpha(next) {
            return startTag(from: start)
        }
        switch next {
        case UInt8(ascii: "/"):
            if let after = byte(at: start + 2), CharacterReferences.isAlpha(after) { return endTag(from: start) }
            if byte(at: start + 2) == UInt8(ascii: ">") { position = start + 3; return .ignored }
            // HTML §13.2.5.7: "</" followed by anything else opens a bogus comment.
            return bogusComment(from: start + 2)
        case UInt8(ascii: "!"):
            if matches("<!--", at: start) { return comment(from: start) }
            // Doctypes, CDATA outside foreign content, and other "<!" markup end at the first ">".
            return bogusComment(from: start + 2)
        case UInt8(ascii: "?"):
            return bogusComment(from: start + 1)
        default:
            position = start + 1
            return .text(start..<position)
        }
    }

    /// Moves past the content of a raw text element (`script`, `style`, …) to the `</name` that closes
    /// it, or to the end of the input (HTML §13.2.5.3 "script data", "RAWTEXT", "RCDATA").
    mutating func skipRawText(closing name: [UInt8]) {
        var index = position
        while let open = input[index...].firstIndex(of: UInt8(ascii: "<")) {
            let nameStart = open + 2
            if byte(at: open + 1) == UInt8(ascii: "/"), nameStart + name.count <= input.endIndex,
               input[nameStart..<(nameStart + name.count)].map(URLPolicy.lowercased).elementsEqual(name),
               isTagNameEnd(byte(at: nameStart + name.count)) {
                position = open
                return
            }
            index = open + 1
        }
        position = input.endIndex
    }

    /// Moves to the end of the input (`plaintext` never ends).
    mutating func skipToEnd() { position = input.endIndex }

    // MARK: - Tags

    private mutating func startTag(from start: Int) -> HTMLToken {
        var index = start + 1
        let name = readName(&index)
        var tag = HTMLTag(name: name)
        guard readAttributes(&index, into: &tag) else {
            position = input.endIndex
            return .unterminated(start..<input.endIndex)
        }
        position = index
        return .startTag(tag)
    }

    private mutating func endTag(from start: Int) -> HTMLToken {
        var index = start + 2
        let name = readName(&index)
        var ignored = HTMLTag(name: name)
        guard readAttributes(&index, into: &ignored) else {
            position = input.endIndex
            return .unterminated(start..<input.endIndex)
        }
        position = index
        return .endTag(name: name)
    }

    /// Tag name state: up to whitespace, `/` or `>`, ASCII lowercased.
    private func readName(_ index: inout Int) -> [UInt8] {
        let start = index
        while index < input.endIndex, !isTagNameEnd(input[index]) { index += 1 }
        return input[start..<index].map(URLPolicy.lowercased)
    }

    /// Reads attributes up to and including `>`; false when the input ends first.
    private func readAttributes(_ index: inout Int, into tag: inout HTMLTag) -> Bool {
        while true {
            // Before attribute name: whitespace and stray "/" are skipped; "/>" closes the tag.
            while index < input.endIndex, isWhitespace(input[index]) || input[index] == UInt8(ascii: "/") {
                if input[index] == UInt8(ascii: "/"), byte(at: index + 1) == UInt8(ascii: ">") {
                    tag.selfClosing = true
                    index += 2
                    return true
                }
                index += 1
            }
            guard index < input.endIndex else { return false }
            if input[index] == UInt8(ascii: ">") { index += 1; return true }
            // Attribute name: a leading "=" belongs to the name (§13.2.5.32).
            let nameStart = index
            index += 1
            while index < input.endIndex, !isAttributeNameEnd(input[index]) { index += 1 }
            let name = input[nameStart..<index].map(URLPolicy.lowercased)
            while index < input.endIndex, isWhitespace(input[index]) { index += 1 }
            var value: Range<Int>?
            if index < input.endIndex, input[index] == UInt8(ascii: "=") {
                index += 1
                while index < input.endIndex, isWhitespace(input[index]) { index += 1 }
                guard index < input.endIndex else { return false }
                let quote = input[index]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    guard let close = input[(index + 1)...].firstIndex(of: quote) else { return false }
                    value = (index + 1)..<close
                    index = close + 1
                } else {
                    // Unquoted value: to whitespace or ">"; a missing value ("a= >") is empty.
                    let valueStart = index
                    while index < input.endIndex, !isWhitespace(input[index]), input[index] != UInt8(ascii: ">") {
                        index += 1
                    }
                    value = valueStart..<index
                }
            }
            let duplicate = tag.attributes.contains { $0.name == name }
            if !duplicate && tag.attributes.count < Self.maxAttributes {
                tag.attributes.append(HTMLAttribute(name: name, value: value))
            }
        }
    }

    // MARK: - Comments

    /// `<!-- … -->`; `<!-->` and `<!--->` are complete (empty) comments, and `--!>` also ends one
    /// (HTML §13.2.5.43–52). An unclosed comment runs to the end.
    private mutating func comment(from start: Int) -> HTMLToken {
        let body = start + 4
        if byte(at: body) == UInt8(ascii: ">") { position = body + 1; return .ignored }
        if matches("->", at: body) { position = body + 2; return .ignored }
        var index = body
        while let dash = input[index...].firstIndex(of: UInt8(ascii: "-")) {
            if matches("-->", at: dash) { position = dash + 3; return .ignored }
            if matches("--!>", at: dash) { position = dash + 4; return .ignored }
            index = dash + 1
        }
        position = input.endIndex
        return .ignored
    }

    /// A bogus comment: everything to the first `>` (or the end) is ignored.
    private mutating func bogusComment(from start: Int) -> HTMLToken {
        let from = min(start, input.endIndex)
        position = input[from...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? input.endIndex
        return .ignored
    }

    // MARK: - Bytes

    private func byte(at index: Int) -> UInt8? {
        index < input.endIndex ? input[index] : nil
    }

    private func matches(_ literal: StaticString, at index: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= input.endIndex else { return false }
        return literal.withUTF8Buffer { input[index..<(index + count)].elementsEqual($0) }
    }

    /// HTML's ASCII whitespace for the tokenizer: tab, LF, FF, CR, space.
    private func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private func isTagNameEnd(_ byte: UInt8?) -> Bool {
        guard let byte else { return true }
        return isWhitespace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
    }

    private func isAttributeNameEnd(_ byte: UInt8) -> Bool {
        isTagNameEnd(byte) || byte == UInt8(ascii: "=")
    }
}
