/// Phase one of cmark's two-phase algorithm (blocks.c): consumes the input line by line into a tree
/// of container and leaf blocks; leaf text is collected in `Document.bytes` for the inline phase.
struct BlockParser {
    var doc: Document
    var refs = LinkReferences()
    let tables: Bool
    let taskLists: Bool
    /// The current line, NUL replaced, always ending in `\n`.
    var line: [UInt8] = []
    var lineNumber: Int32 = 0
    var offset = 0
    var column = 0
    var firstNonspace = 0
    var firstNonspaceColumn = 0
    var indent = 0
    var blank = false
    var partiallyConsumedTab = false
    /// The deepest open block.
    var current: Int32 = Document.root
    /// cmark's thematic_break_kill_pos: where a thematic-break scan failed on this line.
    var thematicBreakFailAt = 0
    /// Column alignments of the open table.
    var tableAlignments: [Int32] = []

    init(options: MarkdownOptions, capacity: Int) {
        doc = Document(capacity: capacity)
        tables = options.extensions.contains(.table)
        taskLists = options.extensions.contains(.tasklist)
        refs.expansionBudget = max(capacity, 100_000)
    }

    /// Parses all of `source`, then closes every open block.
    mutating func parse(_ source: ArraySlice<UInt8>) {
        var start = source.startIndex
        let end = source.endIndex
        while start < end {
            var stop = start
            while stop < end && source[stop] != 10 && source[stop] != 13 { stop += 1 }
            processLine(source[start..<stop])
            if stop < end {
                stop += (source[stop] == 13 && stop + 1 < end && source[stop + 1] == 10) ? 2 : 1
            }
            start = stop
        }
        while current != Document.root { current = finalize(current) }
        finalize(Document.root)
    }

    private mutating func processLine(_ raw: ArraySlice<UInt8>) {
        line.removeAll(keepingCapacity: true)
        if raw.contains(0) {
            // CommonMark 0.31.2 §2.3: U+0000 is replaced by U+FFFD.
            for byte in raw { if byte == 0 { line += [0xEF, 0xBF, 0xBD] } else { line.append(byte) } }
        } else {
            line.append(contentsOf: raw)
        }
        line.append(Scanner.newline)
        offset = 0; column = 0; firstNonspace = 0; firstNonspaceColumn = 0; indent = 0
        blank = false; partiallyConsumedTab = false; thematicBreakFailAt = 0
        lineNumber += 1
        var allMatched = false
        guard let lastMatched = checkOpenBlocks(&allMatched) else { return }
        var container = lastMatched
        if openNewBlocks(&container, allMatched: allMatched) { return }
        addText(to: container, lastMatched: lastMatched)
    }

    // MARK: Offsets and columns (tabs count to the next multiple of 4, §2.2)

    mutating func advanceOffset(_ count: Int, columns: Bool) {
        var count = count
        while count > 0 && offset < line.count {
            if line[offset] == Scanner.tab {
                let toTab = 4 - column % 4
                if columns {
                    partiallyConsumedTab = toTab > count
                    let advance = min(count, toTab)
                    column += advance
                    offset += partiallyConsumedTab ? 0 : 1
                    count -= advance
                } else {
                    partiallyConsumedTab = false
                    column += toTab
                    offset += 1
                    count -= 1
                }
            } else {
                partiallyConsumedTab = false
                offset += 1
                column += 1
                count -= 1
            }
        }
    }

    mutating func findFirstNonspace() {
        var toTab = 4 - column % 4
        if firstNonspace <= offset {
            firstNonspace = offset
            firstNonspaceColumn = column
            while true {
                let c = line[firstNonspace]
                if c == Scanner.space {
                    firstNonspace += 1; firstNonspaceColumn += 1; toTab -= 1
                    if toTab == 0 { toTab = 4 }
                } else if c == Scanner.tab {
                    firstNonspace += 1; firstNonspaceColumn += toTab; toTab = 4
                } else {
                    break
                }
            }
        }
        indent = firstNonspaceColumn - column
        blank = Scanner.isLineEnd(line[firstNonspace])
    }

    // MARK: Step 1: which open blocks does this line continue?

    private mutating func checkOpenBlocks(_ allMatched: inout Bool) -> Int32? {
        var container = Document.root
        allMatched = false
        matching: while true {
            let last = doc.nodes[Int(container)].lastChild
            guard last >= 0, doc.nodes[Int(last)].flags.contains(.open) else { allMatched = true; break }
            container = last
            findFirstNonspace()
            switch doc.nodes[Int(container)].kind {
            case .blockQuote:
                guard parseBlockQuotePrefix() else { break matching }
            case .item:
                guard parseItemPrefix(container) else { break matching }
            case .codeBlock:
                switch parseCodeBlockPrefix(container) {
                case .closed: return nil
                case .unmatched: break matching
                case .matched: break
                }
            case .heading:
                break matching
            case .htmlBlock:
                if blank && doc.nodes[Int(container)].number >= 6 { break matching }
            case .paragraph:
                if blank { break matching }
            case .table:
                guard tableRowMatches() else { break matching }
            default:
                break
            }
        }
        if !allMatched { container = doc.nodes[Int(container)].parent }
        return container
    }

    private mutating func parseBlockQuotePrefix() -> Bool {
        guard indent <= 3, line[firstNonspace] == UInt8(ascii: ">") else { return false }
        advanceOffset(indent + 1, columns: true)
        if Scanner.isSpaceOrTab(line[offset]) { advanceOffset(1, columns: true) }
        return true
    }

    // MARK: Step 2: open new blocks

    private mutating func openNewBlocks(_ container: inout Int32, allMatched: Bool) -> Bool {
        var maybeLazy = doc.nodes[Int(current)].kind == .paragraph
        while true {
            let kind = doc.nodes[Int(container)].kind
            if kind == .codeBlock || kind == .htmlBlock { break }
            findFirstNonspace()
            let indented = indent >= 4
            let c = line[firstNonspace]
            if !indented && c == UInt8(ascii: ">") {
                advanceOffset(firstNonspace + 1 - offset, columns: false)
                if Scanner.isSpaceOrTab(line[offset]) { advanceOffset(1, columns: true) }
                container = addChild(container, .blockQuote)
            } else if !indented && c == UInt8(ascii: "#"), case let (length, level) = Scanner.atxHeadingStart(line, firstNonspace), length > 0 {
                advanceOffset(firstNonspace + length - offset, columns: false)
                container = addChild(container, .heading)
                doc.nodes[Int(container)].number = Int32(level)
            } else if !indented && (c == UInt8(ascii: "`") || c == UInt8(ascii: "~")), case let length = Scanner.openCodeFence(line, firstNonspace), length > 0 {
                container = addChild(container, .codeBlock)
                doc.nodes[Int(container)].flags.insert(.fenced)
                doc.nodes[Int(container)].marker = c
                doc.nodes[Int(container)].number = Int32(length)
                doc.nodes[Int(container)].markerOffset = Int32(firstNonspace - offset)
                advanceOffset(firstNonspace + length - offset, columns: false)
            } else if !indented && c == UInt8(ascii: "<"), case let type = Self.htmlBlockStart(line, firstNonspace, allowType7: kind != .paragraph && !maybeLazy), type > 0 {
                container = addChild(container, .htmlBlock)
                doc.nodes[Int(container)].number = type
                // The tag is part of the block's text: the offset stays.
            } else if !indented && kind == .paragraph && (c == UInt8(ascii: "=") || c == UInt8(ascii: "-")),
                      case let level = Scanner.setextUnderline(line, firstNonspace), level > 0 {
                if resolveReferenceDefinitions(container) {
                    doc.nodes[Int(container)].kind = .heading
                    doc.nodes[Int(container)].number = Int32(level)
                    doc.nodes[Int(container)].flags.insert(.setext)
                    advanceOffset(line.count - 1 - offset, columns: false)
                }
            } else if !indented && thematicBreakFailAt <= firstNonspace,
                      Scanner.thematicBreak(line, firstNonspace, failAt: &thematicBreakFailAt) > 0 {
                container = addChild(container, .thematicBreak)
                advanceOffset(line.count - 1 - offset, columns: false)
            } else if indent < 4, let marker = parseListMarker(at: firstNonspace, interruptsParagraph: kind == .paragraph) {
                container = openListItem(container, marker)
                // cmark-gfm consumes a task box as the last block start of the line.
                if doc.nodes[Int(container)].flags.contains(.task) { break }
            } else if indented && !maybeLazy && !blank {
                advanceOffset(4, columns: true)
                container = addChild(container, .codeBlock)
            } else if tables && !indented && (kind == .table || kind == .paragraph) && openTableRow(&container) {
                return true
            } else {
                break
            }
            if doc.nodes[Int(container)].kind.acceptsLines { break }
            maybeLazy = false
        }
        return false
    }

    /// Adds a new open block under `parent`, closing blocks that cannot contain it (cmark add_child).
    mutating func addChild(_ parent: Int32, _ kind: NodeKind) -> Int32 {
        var parent = parent
        while !Self.canContain(doc.nodes[Int(parent)].kind, kind) { parent = finalize(parent) }
        let child = doc.makeNode(kind, start: -1, end: -1)
        doc.nodes[Int(child)].flags = .open
        doc.nodes[Int(child)].startLine = lineNumber
        doc.appendChild(child, to: parent)
        return child
    }

    private static func canContain(_ parent: NodeKind, _ child: NodeKind) -> Bool {
        switch parent {
        case .document, .blockQuote, .item: return child != .item && child != .tableRow && child != .tableCell
        case .list: return child == .item
        case .table: return child == .tableRow
        default: return false
        }
    }

    // MARK: Step 3: add the rest of the line

    private mutating func addText(to container: Int32, lastMatched: Int32) {
        var container = container
        findFirstNonspace()
        let node = doc.nodes[Int(container)]
        if blank && node.lastChild >= 0 { doc.nodes[Int(node.lastChild)].flags.insert(.lastLineBlank) }
        // cmark: block quote lines are never blank; blanks in fenced code and after an empty item's
        // marker line do not make a list loose.
        let kind = node.kind
        let lastLineBlank = blank && kind != .blockQuote && kind != .heading && kind != .thematicBreak
            && !(kind == .codeBlock && node.flags.contains(.fenced))
            && !(kind == .item && node.firstChild < 0 && node.startLine == lineNumber)
        if lastLineBlank { doc.nodes[Int(container)].flags.insert(.lastLineBlank) } else { doc.nodes[Int(container)].flags.remove(.lastLineBlank) }
        var ancestor = node.parent
        while ancestor >= 0 {
            doc.nodes[Int(ancestor)].flags.remove(.lastLineBlank)
            ancestor = doc.nodes[Int(ancestor)].parent
        }

        if current != lastMatched && container == lastMatched && !blank && doc.nodes[Int(current)].kind == .paragraph {
            // §5.1 lazy continuation line.
            addLine(current)
            return
        }
        while current != lastMatched { current = finalize(current) }
        switch kind {
        case .codeBlock:
            addLine(container)
        case .htmlBlock:
            addLine(container)
            let type = doc.nodes[Int(container)].number
            if type <= 5 && Self.htmlBlockEnds(type, line, from: firstNonspace) { container = finalize(container) }
        default:
            if blank {
                break
            } else if kind.acceptsLines {
                advanceOffset(firstNonspace - offset, columns: false)
                if kind == .heading && !doc.nodes[Int(container)].flags.contains(.setext) {
                    addLine(container, end: atxContentEnd())
                } else {
                    addLine(container)
                }
            } else {
                container = addChild(container, .paragraph)
                advanceOffset(firstNonspace - offset, columns: false)
                addLine(container)
            }
        }
        current = container
    }

    /// Where an ATX heading's text ends: trailing spaces and a closing `#` sequence removed (§4.2).
    private func atxContentEnd() -> Int {
        var end = line.count - 1
        while end > offset && Scanner.isSpaceOrTab(line[end - 1]) { end -= 1 }
        var hashes = end
        while hashes > offset && line[hashes - 1] == UInt8(ascii: "#") { hashes -= 1 }
        guard hashes < end else { return end }
        if hashes == offset { return offset }
        guard Scanner.isSpaceOrTab(line[hashes - 1]) else { return end }
        end = hashes
        while end > offset && Scanner.isSpaceOrTab(line[end - 1]) { end -= 1 }
        return end
    }

    /// Appends `line[offset..<end]` to the leaf `node` (a partly consumed tab becomes spaces).
    mutating func addLine(_ node: Int32, end: Int? = nil) {
        if doc.nodes[Int(node)].start < 0 { doc.nodes[Int(node)].start = Int32(doc.bytes.count) }
        if partiallyConsumedTab {
            offset += 1
            let toTab = 4 - column % 4
            for _ in 0..<toTab { doc.bytes.append(Scanner.space) }
        }
        let stop = end ?? line.count
        if offset < stop { doc.bytes.append(contentsOf: line[offset..<stop]) }
        doc.nodes[Int(node)].end = Int32(doc.bytes.count)
    }

    // MARK: Closing blocks

    /// Closes `node` and returns its parent (cmark finalize).
    @discardableResult
    mutating func finalize(_ node: Int32) -> Int32 {
        let parent = doc.nodes[Int(node)].parent
        guard doc.nodes[Int(node)].flags.contains(.open) else { return parent }
        doc.nodes[Int(node)].flags.remove(.open)
        if doc.nodes[Int(node)].start < 0 { doc.nodes[Int(node)].start = 0; doc.nodes[Int(node)].end = 0 }
        switch doc.nodes[Int(node)].kind {
        case .paragraph:
            if !resolveReferenceDefinitions(node) { doc.unlink(node) }
        case .codeBlock:
            finalizeCodeBlock(node)
        case .list:
            finalizeList(node)
        default:
            break
        }
        return parent
    }

    /// Strips link reference definitions from the start of a paragraph; false when nothing else is left.
    mutating func resolveReferenceDefinitions(_ node: Int32) -> Bool {
        var start = Int(doc.nodes[Int(node)].start)
        let end = Int(doc.nodes[Int(node)].end)
        guard start >= 0 else { return false }
        while start < end && doc.bytes[start] == UInt8(ascii: "[") {
            guard let consumed = refs.parseDefinition(doc.bytes, from: start, end: end) else { break }
            start += consumed
        }
        doc.nodes[Int(node)].start = Int32(start)
        var i = start
        while i < end && Scanner.isWhitespace(doc.bytes[i]) { i += 1 }
        return i < end
    }
}

extension BlockParser {
    /// Hands over the block tree and the reference definitions (moved, not copied).
    consuming func finish() -> (Document, LinkReferences) { (doc, refs) }
}
