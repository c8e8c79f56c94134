/// Changing one front matter value in a page's bytes without touching any other byte of the page.
extension FrontMatter {
    /// `source` with the top-level `key: value` line of its front matter set to `value` (a single line):
    /// the first line for `key` has everything after its `:` replaced; a missing key is added as the
    /// block's last line; a page without front matter gets a new block on top. Line endings follow the
    /// page's first line (CRLF or LF). nil when `key` currently holds a list, which one line cannot replace.
    public static func setting(_ key: String, to value: String, in source: [UInt8]) -> [UInt8]? {
        precondition(!value.contains(where: \.isNewline), "a front matter value set here is one line")
        let (frontMatter, _) = split(source)
        if case .list? = frontMatter?.value(for: key) { return nil }
        let start = source.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let lines = lineRanges(source, from: start)
        let crlf = lines.first.map { $0.count >= 2 && source[$0.upperBound - 1] == 0x0A && source[$0.upperBound - 2] == 0x0D } ?? false
        let newline: [UInt8] = crlf ? [0x0D, 0x0A] : [0x0A]
        let entry = Array("\(key): \(value)".utf8)
        guard frontMatter != nil else {
            return Array(source[..<start]) + Array("---".utf8) + newline + entry + newline + Array("---".utf8) + newline
                + Array(source[start...])
        }
        // The block is the lines after the opening fence up to the first closing fence (as `split` found it).
        var index = 1
        while index < lines.count {
            let line = content(of: lines[index], in: source)
            if isClosingFence(line) { break }
            if let colon = valueStart(of: key, in: line) {
                return Array(source[..<colon]) + Array(" \(value)".utf8) + Array(source[line.endIndex...])
            }
            index += 1
        }
        guard index < lines.count else { return nil }
        let closing = lines[index].lowerBound
        return Array(source[..<closing]) + entry + newline + Array(source[closing...])
    }

    /// Each line's range including its `\n` (the last line may lack one).
    private static func lineRanges(_ source: [UInt8], from start: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var position = start
        while position < source.count {
            let end = source[position...].firstIndex(of: 0x0A).map { $0 + 1 } ?? source.count
            ranges.append(position..<end)
            position = end
        }
        return ranges
    }

    /// A line without its `\n` or `\r\n`.
    private static func content(of range: Range<Int>, in source: [UInt8]) -> ArraySlice<UInt8> {
        var line = source[range]
        if line.last == 0x0A { line = line.dropLast() }
        if line.last == 0x0D { line = line.dropLast() }
        return line
    }

    /// `---` or `...` with nothing but trailing blanks, as `split` recognises the end of the block.
    private static func isClosingFence(_ line: ArraySlice<UInt8>) -> Bool {
        let marks = Array(line.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed())
        return marks == Array("---".utf8) || marks == Array("...".utf8)
    }

    /// For a line `key  : value`, the index just after the `:` (where the value part starts); nil when the
    /// line is not a top-level entry for `key` (the parser's rule: the first `:` followed by a blank or the end).
    private static func valueStart(of key: String, in line: ArraySlice<UInt8>) -> Int? {
        let keyBytes = Array(key.utf8)
        guard line.starts(with: keyBytes) else { return nil }
        var position = line.startIndex + keyBytes.count
        while position < line.endIndex, line[position] == 0x20 || line[position] == 0x09 { position += 1 }
        guard position < line.endIndex, line[position] == UInt8(ascii: ":") else { return nil }
        let after = position + 1
        guard after == line.endIndex || line[after] == 0x20 || line[after] == 0x09 else { return nil }
        return after
    }
}
