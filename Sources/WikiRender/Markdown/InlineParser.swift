/// Phase two of cmark's algorithm (inlines.c): parses the text of one leaf block into inline nodes,
/// with a delimiter stack for emphasis and a bracket stack for links and images.
struct InlineParser {
    var doc: Document
    var refs: LinkReferences
    let strikethrough: Bool
    let autolinks: Bool
    let wikiLinks: Bool
    /// The leaf's text (trailing whitespace removed); `subject[i]` is `doc.bytes[base + i]`.
    var subject: [UInt8] = []
    var base = 0
    var pos = 0
    /// The node that receives the inlines.
    var container: Int32 = 0
    var delimiters: [Delimiter] = []
    var lastDelimiter: Int32 = -1
    var brackets: [Bracket] = []
    /// Non-image brackets below this index are known to be inactive.
    var linkFloor = 0
    /// Links finished in this subject, open `[` brackets, and open `![` opened since the last link.
    var linksMade = 0, openLinkBrackets = 0, openImagesSinceLink = 0
    var openersBottom = [Int](repeating: 0, count: 18)
    /// cmark's backtick memo: where the last run of each length starts, once the subject was scanned.
    var backtickRuns = [Int](repeating: -1, count: Self.maximumBackticks + 1)
    var touchedBacktickRuns: [Int] = []
    var scannedForBackticks = false
    /// Set once a scan for the end of a comment, processing instruction, CDATA section or
    /// declaration failed: no later one can end either (cmark's FLAG_SKIP_HTML_*).
    var noCommentEnd = false, noProcessingEnd = false, noCDATAEnd = false, noDeclarationEnd = false
    /// Bytes that stop a plain-text run.
    let special: [Bool]

    static let maximumBackticks = 1000

    init(document: consuming Document, refs: LinkReferences, options: MarkdownOptions) {
        doc = document
        self.refs = refs
        strikethrough = options.extensions.contains(.strikethrough)
        autolinks = options.extensions.contains(.autolink)
        wikiLinks = options.wikiLinks
        var special = [Bool](repeating: false, count: 256)
        for c in Array("\n\\`&<[]!*_".utf8) { special[Int(c)] = true }
        if strikethrough { special[Int(UInt8(ascii: "~"))] = true }
        if autolinks { special[Int(UInt8(ascii: ":"))] = true; special[Int(UInt8(ascii: "w"))] = true }
        self.special = special
    }

    /// Parses every paragraph, heading and table cell of the document.
    mutating func parseAll() {
        let blockCount = doc.nodes.count
        for index in 0..<blockCount {
            let node = doc.nodes[index]
            guard node.kind == .paragraph || node.kind == .heading || node.kind == .tableCell else { continue }
            guard node.parent >= 0 else { continue }
            parse(Int32(index), start: Int(node.start), end: Int(node.end))
        }
    }

    /// Parses `doc.bytes[start..<end]` into the children of `block`.
    mutating func parse(_ block: Int32, start: Int, end: Int) {
        var end = end
        while end > start && Scanner.isWhitespace(doc.bytes[end - 1]) { end -= 1 }
        subject.removeAll(keepingCapacity: true)
        subject.append(contentsOf: doc.bytes[start..<end])
        base = start
        pos = 0
        container = block
        delimiters.removeAll(keepingCapacity: true)
        lastDelimiter = -1
        brackets.removeAll(keepingCapacity: true)
        linkFloor = 0
        linksMade = 0; openLinkBrackets = 0; openImagesSinceLink = 0
        for run in touchedBacktickRuns { backtickRuns[run] = -1 }
        touchedBacktickRuns.removeAll(keepingCapacity: true)
        scannedForBackticks = false
        noCommentEnd = false; noProcessingEnd = false; noCDATAEnd = false; noDeclarationEnd = false
        while pos < subject.count { parseInline() }
        processEmphasis(stackBottom: 0)
        if autolinks { linkEmailAddresses(in: block) }
    }

    private mutating func parseInline() {
        let c = subject[pos]
        switch c {
        case Scanner.newline: handleNewline()
        case UInt8(ascii: "`"): handleBackticks()
        case UInt8(ascii: "\\"): handleBackslash()
        case UInt8(ascii: "&"): handleEntity()
        case UInt8(ascii: "<"): handlePointyBrace()
        case UInt8(ascii: "*"), UInt8(ascii: "_"): handleDelimiter(c)
        case UInt8(ascii: "~") where strikethrough: handleDelimiter(c)
        case UInt8(ascii: "["):
            if wikiLinks && handleWikiLink() { return }
            let node = appendText(pos, pos + 1)
            pos += 1
            pushBracket(node, image: false)
        case UInt8(ascii: "]"): handleCloseBracket()
        case UInt8(ascii: "!"):
            if pos + 1 < subject.count && subject[pos + 1] == UInt8(ascii: "[") {
                let node = appendText(pos, pos + 2)
                pos += 2
                pushBracket(node, image: true)
            } else {
                appendText(pos, pos + 1)
                pos += 1
            }
        case UInt8(ascii: ":") where autolinks:
            if !handleURLAutolink() { handleText() }
        case UInt8(ascii: "w") where autolinks:
            if !handleWWWAutolink() { handleText() }
        default:
            handleText()
        }
    }

    /// A run of ordinary text, up to the next special byte; trailing spaces before a line end go.
    private mutating func handleText() {
        let start = pos
        var end = pos + 1
        let count = subject.count
        subject.withUnsafeBufferPointer { s in
            special.withUnsafeBufferPointer { table in
                while end < count {
                    let c = s[end]
                    if table[Int(c)] {
                        // Autolink triggers that cannot start an autolink here stay in the run.
                        if c == UInt8(ascii: "w") && !Self.mayStartWWW(s, end) { end += 1; continue }
                        if c == UInt8(ascii: ":") && !(end + 2 < count && s[end + 1] == 47 && s[end + 2] == 47) { end += 1; continue }
                        break
                    }
                    end += 1
                }
            }
        }
        pos = end
        var textEnd = end
        if end < count && subject[end] == Scanner.newline {
            while textEnd > start && Scanner.isWhitespace(subject[textEnd - 1]) { textEnd -= 1 }
        }
        if textEnd > start { appendText(start, textEnd) }
    }

    private static func mayStartWWW(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i + 3 < s.count, s[i + 1] == 119, s[i + 2] == 119, s[i + 3] == 46 else { return false }
        guard i > 0 else { return true }
        let before = s[i - 1]
        return Scanner.isWhitespace(before) || before == 42 || before == 95 || before == 126 || before == 40
    }

    private mutating func handleNewline() {
        let newline = pos
        pos += 1
        while pos < subject.count && Scanner.isSpaceOrTab(subject[pos]) { pos += 1 }
        // §6.7: two or more spaces before the line ending make a hard break.
        let hard = newline >= 2 && subject[newline - 1] == Scanner.space && subject[newline - 2] == Scanner.space
        appendNode(hard ? .lineBreak : .softBreak)
    }

    private mutating func handleBackslash() {
        pos += 1
        if pos < subject.count && Scanner.isPunctuation(subject[pos]) {
            appendText(pos, pos + 1)
            pos += 1
        } else if pos < subject.count && subject[pos] == Scanner.newline {
            pos += 1
            while pos < subject.count && Scanner.isSpaceOrTab(subject[pos]) { pos += 1 }
            appendNode(.lineBreak)
        } else {
            appendText(pos - 1, pos)
        }
    }

    private mutating func handleEntity() {
        let from = doc.bytes.count
        if let next = Entities.decode(subject[...], at: pos, into: &doc.bytes) {
            appendNode(.text, start: from, end: doc.bytes.count)
            pos = next
        } else {
            appendText(pos, pos + 1)
            pos += 1
        }
    }

    // MARK: Code spans (§6.1)

    private mutating func handleBackticks() {
        let start = pos
        while pos < subject.count && subject[pos] == UInt8(ascii: "`") { pos += 1 }
        let length = pos - start
        guard let closeEnd = scanToClosingBackticks(length) else {
            appendText(start, pos)
            return
        }
        let from = doc.bytes.count
        var hasNonSpace = false
        for i in pos..<(closeEnd - length) {
            let c = subject[i]
            if c == Scanner.newline { doc.bytes.append(Scanner.space) } else { doc.bytes.append(c) }
            if c != Scanner.space && c != Scanner.newline { hasNonSpace = true }
        }
        var codeStart = from, codeEnd = doc.bytes.count
        if hasNonSpace && codeEnd - codeStart >= 2 && doc.bytes[codeStart] == Scanner.space
            && doc.bytes[codeEnd - 1] == Scanner.space {
            codeStart += 1; codeEnd -= 1
        }
        appendNode(.code, start: codeStart, end: codeEnd)
        pos = closeEnd
    }

    private mutating func scanToClosingBackticks(_ length: Int) -> Int? {
        guard length <= Self.maximumBackticks else { return nil }
        if scannedForBackticks && backtickRuns[length] < pos { return nil }
        var i = pos
        let count = subject.count
        while true {
            while i < count && subject[i] != UInt8(ascii: "`") { i += 1 }
            if i >= count { break }
            let runStart = i
            while i < count && subject[i] == UInt8(ascii: "`") { i += 1 }
            let run = i - runStart
            if run <= Self.maximumBackticks {
                if backtickRuns[run] < 0 { touchedBacktickRuns.append(run) }
                backtickRuns[run] = runStart
            }
            if run == length { return i }
        }
        scannedForBackticks = true
        return nil
    }

    // MARK: Nodes

    /// Appends a text node for `subject[start..<end]`.
    @discardableResult
    mutating func appendText(_ start: Int, _ end: Int) -> Int32 {
        appendNode(.text, start: base + start, end: base + end)
    }

    /// Appends a node whose range is `doc.bytes[start..<end]`.
    @discardableResult
    mutating func appendNode(_ kind: NodeKind, start: Int = 0, end: Int = 0) -> Int32 {
        let node = doc.makeNode(kind, start: Int32(start), end: Int32(end))
        doc.appendChild(node, to: container)
        return node
    }

    /// Stores bytes in the document and returns their range.
    mutating func storeUnescaped(_ range: Range<Int>, backslashes: Bool = true) -> (Int32, Int32) {
        let from = Int32(doc.bytes.count)
        if backslashes {
            Entities.unescape(subject[range], into: &doc.bytes)
        } else {
            Entities.unescapeEntities(subject[range], into: &doc.bytes)
        }
        return (from, Int32(doc.bytes.count))
    }
}

extension InlineParser {
    /// Hands over the finished document (moved, not copied).
    consuming func finish() -> Document { doc }
}
