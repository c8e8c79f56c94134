// Indented and fenced code blocks (CommonMark 0.31.2 §4.4, §4.5).
extension BlockParser {
    /// What a line does to an open code block.
    enum CodePrefix { case matched, unmatched, closed }

    /// Continues an open code block, or closes a fenced one at its closing fence.
    mutating func parseCodeBlockPrefix(_ container: Int32) -> CodePrefix {
        let node = doc.nodes[Int(container)]
        if !node.flags.contains(.fenced) {
            if indent >= 4 {
                advanceOffset(4, columns: true)
                return .matched
            }
            if blank {
                advanceOffset(firstNonspace - offset, columns: false)
                return .matched
            }
            return .unmatched
        }
        if indent <= 3 && line[firstNonspace] == node.marker {
            let length = Scanner.closeCodeFence(line, firstNonspace)
            if length >= Int(node.number) {
                advanceOffset(length, columns: false)
                current = finalize(container)
                return .closed
            }
        }
        var skip = Int(node.markerOffset)
        while skip > 0 && Scanner.isSpaceOrTab(line[offset]) {
            advanceOffset(1, columns: true)
            skip -= 1
        }
        return .matched
    }

    /// Splits off a fenced block's info string; trims an indented block's trailing blank lines.
    mutating func finalizeCodeBlock(_ node: Int32) {
        let start = Int(doc.nodes[Int(node)].start)
        var end = Int(doc.nodes[Int(node)].end)
        if doc.nodes[Int(node)].flags.contains(.fenced) {
            var newline = start
            while newline < end && doc.bytes[newline] != Scanner.newline { newline += 1 }
            // §4.5: the info string is trimmed; escapes and entities in it are decoded.
            var infoStart = start, infoEnd = newline
            while infoStart < infoEnd && Scanner.isWhitespace(doc.bytes[infoStart]) { infoStart += 1 }
            while infoEnd > infoStart && Scanner.isWhitespace(doc.bytes[infoEnd - 1]) { infoEnd -= 1 }
            let contentStart = min(newline + 1, end)
            if infoStart < infoEnd {
                let raw = Array(doc.bytes[infoStart..<infoEnd])
                let infoFrom = Int32(doc.bytes.count)
                Entities.unescape(raw[...], into: &doc.bytes)
                doc.nodes[Int(node)].extraStart = infoFrom
                doc.nodes[Int(node)].extraEnd = Int32(doc.bytes.count)
            }
            doc.nodes[Int(node)].start = Int32(contentStart)
        } else {
            // cmark remove_trailing_blank_lines, then one final newline.
            var i = end - 1
            while i >= start {
                let c = doc.bytes[i]
                if c != Scanner.space && c != Scanner.tab && !Scanner.isLineEnd(c) { break }
                i -= 1
            }
            if i < start {
                end = start
            } else {
                while i < end && doc.bytes[i] != Scanner.newline { i += 1 }
                end = min(i + 1, end)
            }
            doc.nodes[Int(node)].end = Int32(end)
        }
    }
}
