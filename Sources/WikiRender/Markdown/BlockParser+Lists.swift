// Lists and list items (CommonMark 0.31.2 §5.2, §5.3), after cmark's blocks.c.
extension BlockParser {
    /// A list marker: bullet character, or ordered delimiter with its start number.
    struct ListMarker {
        var length: Int
        var ordered: Bool
        var marker: UInt8
        var start: Int32
    }

    /// Parses a list marker at `pos`; a marker that interrupts a paragraph needs content and, if ordered, start 1.
    func parseListMarker(at pos: Int, interruptsParagraph: Bool) -> ListMarker? {
        var i = pos
        let c = line[i]
        var result: ListMarker
        if c == UInt8(ascii: "*") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            i += 1
            guard Scanner.isSpaceOrTab(line[i]) || line[i] == Scanner.newline else { return nil }
            result = ListMarker(length: 1, ordered: false, marker: c, start: 0)
        } else if Scanner.isDigit(c) {
            var start: Int32 = 0
            var digits = 0
            repeat {
                start = start * 10 + Int32(line[i] - UInt8(ascii: "0"))
                i += 1
                digits += 1
            } while digits < 9 && Scanner.isDigit(line[i])
            let delimiter = line[i]
            guard delimiter == UInt8(ascii: ".") || delimiter == UInt8(ascii: ")") else { return nil }
            if interruptsParagraph && start != 1 { return nil }
            i += 1
            guard Scanner.isSpaceOrTab(line[i]) || line[i] == Scanner.newline else { return nil }
            result = ListMarker(length: i - pos, ordered: true, marker: delimiter, start: start)
        } else {
            return nil
        }
        if interruptsParagraph {
            var j = i
            while Scanner.isSpaceOrTab(line[j]) { j += 1 }
            if line[j] == Scanner.newline { return nil }
        }
        return result
    }

    /// Opens a list item (and a list when `container` is not a matching one); returns the item.
    mutating func openListItem(_ container: Int32, _ marker: ListMarker) -> Int32 {
        advanceOffset(firstNonspace + marker.length - offset, columns: false)
        let savedTab = partiallyConsumedTab, savedOffset = offset, savedColumn = column
        while column - savedColumn <= 5 && Scanner.isSpaceOrTab(line[offset]) { advanceOffset(1, columns: true) }
        let spaces = column - savedColumn
        let padding: Int
        if spaces >= 5 || spaces < 1 || Scanner.isLineEnd(line[offset]) {
            // §5.2: a blank start or indented code after the marker: content begins one space after it.
            padding = marker.length + 1
            offset = savedOffset; column = savedColumn; partiallyConsumedTab = savedTab
            if spaces > 0 { advanceOffset(1, columns: true) }
        } else {
            padding = marker.length + spaces
        }
        var list = container
        let node = doc.nodes[Int(container)]
        if node.kind != .list || node.flags.contains(.ordered) != marker.ordered || node.marker != marker.marker {
            list = addChild(container, .list)
            if marker.ordered { doc.nodes[Int(list)].flags.insert(.ordered) }
            doc.nodes[Int(list)].marker = marker.marker
            doc.nodes[Int(list)].number = marker.start
        }
        let item = addChild(list, .item)
        doc.nodes[Int(item)].markerOffset = Int32(indent)
        doc.nodes[Int(item)].padding = Int32(padding)
        if taskLists { openTaskListItem(item) }
        return item
    }

    /// Whether this line continues the list item `container` (enough indent, or blank after content).
    mutating func parseItemPrefix(_ container: Int32) -> Bool {
        let node = doc.nodes[Int(container)]
        if indent >= Int(node.markerOffset + node.padding) {
            advanceOffset(Int(node.markerOffset + node.padding), columns: true)
            return true
        }
        if blank && node.firstChild >= 0 {
            advanceOffset(firstNonspace - offset, columns: false)
            return true
        }
        return false
    }

    /// §5.3: a list is loose when items are separated by blank lines or an item holds two blocks with
    /// a blank line between them.
    mutating func finalizeList(_ list: Int32) {
        var tight = true
        var item = doc.nodes[Int(list)].firstChild
        outer: while item >= 0 {
            let itemNode = doc.nodes[Int(item)]
            if itemNode.flags.contains(.lastLineBlank) && itemNode.next >= 0 { tight = false; break }
            var sub = itemNode.firstChild
            while sub >= 0 {
                if (itemNode.next >= 0 || doc.nodes[Int(sub)].next >= 0) && endsWithBlankLine(sub) {
                    tight = false
                    break outer
                }
                sub = doc.nodes[Int(sub)].next
            }
            item = itemNode.next
        }
        if tight { doc.nodes[Int(list)].flags.insert(.tight) }
    }

    /// Whether a block ends with a blank line, descending into the last items of nested lists.
    private func endsWithBlankLine(_ node: Int32) -> Bool {
        var cursor = node
        while cursor >= 0 {
            let n = doc.nodes[Int(cursor)]
            if n.flags.contains(.lastLineBlank) { return true }
            guard n.kind == .list || n.kind == .item else { return false }
            cursor = n.lastChild
        }
        return false
    }
}
