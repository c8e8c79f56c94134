// Emphasis, strong emphasis and strikethrough: the delimiter stack and "process emphasis"
// (CommonMark 0.31.2 §6.2 and Appendix A; cmark inlines.c with openers_bottom, so it stays linear).
extension InlineParser {
    /// One run of `*`, `_` or `~` that may open or close.
    struct Delimiter {
        var node: Int32
        var position: Int
        /// The run's original length (the "multiple of 3" rule uses it).
        var length: Int
        var char: UInt8
        var canOpen: Bool
        var canClose: Bool
        var prev: Int32 = -1
        var next: Int32 = -1
    }

    /// An open `[` or `![`.
    struct Bracket {
        var node: Int32
        /// Subject offset just after the bracket.
        var position: Int
        var image: Bool
        var linkSerial: Int
        var active = true
        /// Another bracket was opened after this one (its text cannot be a reference label then).
        var bracketAfter = false
    }

    mutating func handleDelimiter(_ c: UInt8) {
        let start = pos
        while pos < subject.count && subject[pos] == c { pos += 1 }
        let length = pos - start
        // cmark-gfm skips the tildes of strikethrough (an "emphasis" extension character) when it looks
        // for the characters around a run.
        var beforeIndex = start - 1
        while beforeIndex > 0 && (subject[beforeIndex] & 0xC0 == 0x80 || (strikethrough && subject[beforeIndex] == UInt8(ascii: "~"))) {
            beforeIndex -= 1
        }
        var afterIndex = pos
        while strikethrough && afterIndex < subject.count && subject[afterIndex] == UInt8(ascii: "~") { afterIndex += 1 }
        let before = start == 0 ? 10 : Self.scalarAt(subject, beforeIndex)
        let after = afterIndex >= subject.count ? 10 : Self.scalarAt(subject, afterIndex)
        let afterSpace = Self.isUnicodeWhitespace(after), afterPunct = Self.isUnicodePunctuation(after)
        let beforeSpace = Self.isUnicodeWhitespace(before), beforePunct = Self.isUnicodePunctuation(before)
        // §6.2 left- and right-flanking delimiter runs.
        let leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
        let rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
        var canOpen = leftFlanking, canClose = rightFlanking
        if c == UInt8(ascii: "_") {
            canOpen = leftFlanking && (!rightFlanking || beforePunct)
            canClose = rightFlanking && (!leftFlanking || afterPunct)
        }
        let node = appendText(start, pos)
        guard canOpen || canClose, c != UInt8(ascii: "~") || Self.isStrikethroughRun(length) else { return }
        delimiters.append(Delimiter(node: node, position: pos, length: length, char: c,
                                    canOpen: canOpen, canClose: canClose, prev: lastDelimiter))
        let index = Int32(delimiters.count - 1)
        if lastDelimiter >= 0 { delimiters[Int(lastDelimiter)].next = index }
        lastDelimiter = index
    }

    mutating func removeDelimiter(_ index: Int32) {
        let d = delimiters[Int(index)]
        if d.next >= 0 { delimiters[Int(d.next)].prev = d.prev } else { lastDelimiter = d.prev }
        if d.prev >= 0 { delimiters[Int(d.prev)].next = d.next }
    }

    /// Matches closers with openers above `stackBottom` (a subject offset) and builds the nodes.
    mutating func processEmphasis(stackBottom: Int) {
        for i in 0..<openersBottom.count { openersBottom[i] = stackBottom }
        var closer: Int32 = -1
        var candidate = lastDelimiter
        while candidate >= 0 && delimiters[Int(candidate)].position >= stackBottom {
            closer = candidate
            candidate = delimiters[Int(candidate)].prev
        }
        while closer >= 0 {
            let d = delimiters[Int(closer)]
            guard d.canClose else { closer = d.next; continue }
            let charIndex = d.char == UInt8(ascii: "*") ? 0 : (d.char == UInt8(ascii: "_") ? 1 : 2)
            let bottomIndex = charIndex * 6 + (d.canOpen ? 3 : 0) + d.length % 3
            var opener = d.prev
            var found = false
            while opener >= 0 {
                let o = delimiters[Int(opener)]
                guard o.position >= stackBottom && o.position >= openersBottom[bottomIndex] else { break }
                // §6.2 rule 9/10: the sum of the run lengths may not be a multiple of 3 when one of them
                // can both open and close, unless both are.
                if o.canOpen && o.char == d.char
                    && (!(d.canOpen || o.canClose) || d.length % 3 == 0 || (o.length + d.length) % 3 != 0) {
                    found = true
                    break
                }
                opener = o.prev
            }
            if found {
                closer = d.char == UInt8(ascii: "~") ? insertStrikethrough(opener, closer) : insertEmphasis(opener, closer)
            } else {
                let old = closer
                closer = d.next
                openersBottom[bottomIndex] = d.position
                if !d.canOpen { removeDelimiter(old) }
            }
        }
        while lastDelimiter >= 0 && delimiters[Int(lastDelimiter)].position >= stackBottom {
            removeDelimiter(lastDelimiter)
        }
    }

    func delimiterCount(_ node: Int32) -> Int {
        Int(doc.nodes[Int(node)].end - doc.nodes[Int(node)].start)
    }

    private mutating func insertEmphasis(_ opener: Int32, _ closer: Int32) -> Int32 {
        let openerNode = delimiters[Int(opener)].node, closerNode = delimiters[Int(closer)].node
        let openerCount = delimiterCount(openerNode), closerCount = delimiterCount(closerNode)
        let use: Int32 = openerCount >= 2 && closerCount >= 2 ? 2 : 1
        doc.nodes[Int(openerNode)].end -= use
        doc.nodes[Int(closerNode)].end -= use
        var between = delimiters[Int(closer)].prev
        while between >= 0 && between != opener {
            let prev = delimiters[Int(between)].prev
            removeDelimiter(between)
            between = prev
        }
        let emphasis = doc.makeNode(use == 1 ? .emphasis : .strong)
        doc.moveSiblings(after: openerNode, upTo: closerNode, into: emphasis)
        doc.insert(emphasis, after: openerNode)
        if openerCount - Int(use) == 0 {
            doc.unlink(openerNode)
            removeDelimiter(opener)
        }
        if closerCount - Int(use) == 0 {
            doc.unlink(closerNode)
            let next = delimiters[Int(closer)].next
            removeDelimiter(closer)
            return next
        }
        return closer
    }

    // MARK: Unicode classes for flanking (§2.1)

    /// The scalar starting at `index` (U+FFFD for malformed UTF-8).
    static func scalarAt(_ s: [UInt8], _ index: Int) -> UInt32 {
        let c = s[index]
        if c < 0x80 { return UInt32(c) }
        var length = 0
        var value: UInt32 = 0
        if c & 0xE0 == 0xC0 { length = 2; value = UInt32(c & 0x1F) }
        else if c & 0xF0 == 0xE0 { length = 3; value = UInt32(c & 0x0F) }
        else if c & 0xF8 == 0xF0 { length = 4; value = UInt32(c & 0x07) }
        else { return 0xFFFD }
        guard index + length <= s.count else { return 0xFFFD }
        for k in 1..<length {
            let b = s[index + k]
            guard b & 0xC0 == 0x80 else { return 0xFFFD }
            value = value << 6 | UInt32(b & 0x3F)
        }
        return value
    }

    /// Unicode whitespace: Zs, tab, line feed, form feed, carriage return.
    static func isUnicodeWhitespace(_ c: UInt32) -> Bool {
        if c < 0x80 { return c == 32 || c == 9 || c == 10 || c == 12 || c == 13 }
        guard let scalar = Unicode.Scalar(c) else { return false }
        return scalar.properties.generalCategory == .spaceSeparator
    }

    /// Unicode punctuation in 0.31.2: general category P or S.
    static func isUnicodePunctuation(_ c: UInt32) -> Bool {
        if c < 0x80 { return Scanner.isPunctuation(UInt8(c)) }
        guard let scalar = Unicode.Scalar(c) else { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
