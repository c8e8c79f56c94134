// GFM tables (cmark-gfm extensions/table.c): a delimiter row under a one-line header turns the
// paragraph's last line into a table; following lines are rows until a blank line or another block.
extension BlockParser {
    /// cmark-gfm MAX_AUTOCOMPLETED_CELLS: caps the empty cells added to short rows (output size).
    static let maximumAutocompletedCells: Int32 = 0x80000

    /// Whether the current line continues the open table.
    mutating func tableRowMatches() -> Bool {
        !blank && parseTableRow(line, from: firstNonspace) != nil
    }

    /// Opens a table (container is a paragraph) or adds a row (container is a table); true when it did.
    mutating func openTableRow(_ container: inout Int32) -> Bool {
        if doc.nodes[Int(container)].kind == .table {
            guard !blank, doc.nodes[Int(container)].padding <= Self.maximumAutocompletedCells,
                  let cells = parseTableRow(line, from: firstNonspace) else { return false }
            addRow(container, cells: cells, source: line, header: false)
            current = container
            return true
        }
        let paragraph = container
        guard !doc.nodes[Int(paragraph)].flags.contains(.tableVisited),
              let delimiters = parseTableRow(line, from: firstNonspace),
              let alignments = Self.alignments(line, delimiters) else { return false }
        let start = Int(doc.nodes[Int(paragraph)].start), end = Int(doc.nodes[Int(paragraph)].end)
        guard start >= 0, end > start else { return false }
        var lastLine = end - 1
        while lastLine > start && doc.bytes[lastLine - 1] != Scanner.newline { lastLine -= 1 }
        let header = Array(doc.bytes[lastLine..<end])
        guard let headerCells = parseTableRow(header, from: 0), headerCells.count == delimiters.count else {
            doc.nodes[Int(paragraph)].flags.insert(.tableVisited)
            return false
        }
        let table: Int32
        if lastLine > start {
            doc.nodes[Int(paragraph)].end = Int32(lastLine)
            table = doc.makeNode(.table)
            doc.insert(table, after: paragraph)
            finalize(paragraph)
        } else {
            table = paragraph
            doc.nodes[Int(table)].kind = .table
        }
        doc.nodes[Int(table)].flags = .open
        doc.nodes[Int(table)].padding = 0
        tableAlignments = alignments
        addRow(table, cells: headerCells, source: header, header: true)
        current = table
        container = table
        advanceOffset(line.count - 1 - offset, columns: false)
        return true
    }

    /// Adds a row: cells beyond the header's count are dropped, missing ones are added empty.
    private mutating func addRow(_ table: Int32, cells: [Range<Int>], source: [UInt8], header: Bool) {
        let row = doc.makeNode(.tableRow)
        if header { doc.nodes[Int(row)].flags.insert(.header) }
        doc.appendChild(row, to: table)
        for (column, alignment) in tableAlignments.enumerated() {
            let cell = doc.makeNode(.tableCell)
            doc.nodes[Int(cell)].number = alignment
            if column < cells.count {
                // `\|` stands for a pipe inside a cell; the escape is removed before inline parsing.
                let from = doc.bytes.count
                var i = cells[column].lowerBound
                let stop = cells[column].upperBound
                while i < stop {
                    if source[i] == UInt8(ascii: "\\") && i + 1 < stop && source[i + 1] == UInt8(ascii: "|") { i += 1 }
                    doc.bytes.append(source[i])
                    i += 1
                }
                var s = from, e = doc.bytes.count
                while s < e && Scanner.isWhitespace(doc.bytes[s]) { s += 1 }
                while e > s && Scanner.isWhitespace(doc.bytes[e - 1]) { e -= 1 }
                doc.nodes[Int(cell)].start = Int32(s)
                doc.nodes[Int(cell)].end = Int32(e)
            } else {
                doc.nodes[Int(table)].padding += 1
            }
            doc.appendChild(cell, to: row)
        }
        advanceOffset(line.count - 1 - offset, columns: false)
    }

    /// Splits a row into raw cell ranges: optional leading and trailing pipes, `\|` escaped.
    func parseTableRow(_ s: [UInt8], from: Int) -> [Range<Int>]? {
        var i = from
        let end = s.count - (s.last == Scanner.newline ? 1 : 0)
        var cells: [Range<Int>] = []
        if i < end && s[i] == UInt8(ascii: "|") {
            i += 1
            while i < end && Self.isTableSpace(s[i]) { i += 1 }
        }
        while i < end {
            let cellStart = i
            while i < end && s[i] != UInt8(ascii: "|") {
                if s[i] == UInt8(ascii: "\\") && i + 1 < end && s[i + 1] == UInt8(ascii: "|") { i += 1 }
                i += 1
            }
            let pipe = i < end
            if i > cellStart || pipe { cells.append(cellStart..<i) }
            if !pipe { break }
            i += 1
            while i < end && Self.isTableSpace(s[i]) { i += 1 }
        }
        return cells.isEmpty ? nil : cells
    }

    private static func isTableSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 11 || c == 12 }

    /// The alignment of each delimiter cell (`:?-+:?`): 0 none, 1 left, 2 center, 3 right; nil if invalid.
    private static func alignments(_ s: [UInt8], _ cells: [Range<Int>]) -> [Int32]? {
        var result: [Int32] = []
        for cell in cells {
            var a = cell.lowerBound, b = cell.upperBound
            while a < b && Scanner.isWhitespace(s[a]) { a += 1 }
            while b > a && Scanner.isWhitespace(s[b - 1]) { b -= 1 }
            guard a < b else { return nil }
            let left = s[a] == UInt8(ascii: ":"), right = b - a > 1 && s[b - 1] == UInt8(ascii: ":")
            if left { a += 1 }
            if right { b -= 1 }
            guard a < b, s[a..<b].allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            result.append(left && right ? 2 : (left ? 1 : (right ? 3 : 0)))
        }
        return result
    }
}
