/// Link reference definitions (CommonMark 0.31.2 §4.7): normalized label → destination and title.
struct LinkReferences {
    /// One definition; ranges point into `store`.
    struct Definition {
        var url: Range<Int>
        var title: Range<Int>
    }

    /// Decoded destinations and titles.
    private(set) var store: [UInt8] = []
    private var map: [[UInt8]: Definition] = [:]
    /// cmark refs.c guards against quadratic output: all resolved references together may expand
    /// to at most this many bytes.
    var expansionBudget = 100_000

    var isEmpty: Bool { map.isEmpty }

    /// Looks up a label as written between the brackets; nil when undefined or the budget is spent.
    mutating func lookup(_ label: ArraySlice<UInt8>) -> Definition? {
        guard !map.isEmpty, let key = Self.normalize(label), let definition = map[key] else { return nil }
        let size = definition.url.count + definition.title.count
        guard size <= expansionBudget else { return nil }
        expansionBudget -= size
        return definition
    }

    /// §4.7 label matching: trimmed, inner whitespace collapsed to one space, Unicode case-folded.
    /// Nil for a label with no non-whitespace character.
    static func normalize(_ label: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(label.count)
        var ascii = true
        var pendingSpace = false
        for c in label {
            if Scanner.isWhitespace(c) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(Scanner.space); pendingSpace = false }
            if c >= 0x80 { ascii = false }
            out.append(Scanner.lower(c))
        }
        guard !out.isEmpty else { return nil }
        if ascii { return out }
        // Full case folding (ẞ, ß and SS all match): lowercase, uppercase (ß → SS), lowercase again.
        return Array(String(decoding: out, as: UTF8.self).lowercased().uppercased().lowercased().utf8)
    }

    /// Parses one definition at `s[from...]` (a paragraph's text); returns the bytes it used, or nil.
    mutating func parseDefinition(_ s: [UInt8], from: Int, end: Int) -> Int? {
        let text = s[from..<end]
        guard let label = InlineParser.scanLinkLabel(text, from) else { return nil }
        guard Self.normalize(text[label.content]) != nil else { return nil }
        var i = label.next
        guard i < end, s[i] == UInt8(ascii: ":") else { return nil }
        i = InlineParser.skipSpacesAndNewline(text, i + 1)
        guard let destination = InlineParser.scanLinkDestination(text, i) else { return nil }
        if destination.url.isEmpty && !destination.angled { return nil }
        i = destination.next
        let beforeTitle = i
        var j = InlineParser.skipSpacesAndNewline(text, i)
        var title: Range<Int>? = nil
        if j != beforeTitle, let titleEnd = InlineParser.scanLinkTitle(text, j) {
            title = (j + 1)..<(titleEnd - 1)
            j = titleEnd
        } else {
            j = beforeTitle
        }
        var k = j
        while k < end && Scanner.isSpaceOrTab(s[k]) { k += 1 }
        if k < end && s[k] != Scanner.newline {
            // A title followed by other text: the definition may still end before the title.
            guard title != nil else { return nil }
            title = nil
            k = beforeTitle
            while k < end && Scanner.isSpaceOrTab(s[k]) { k += 1 }
            guard k >= end || s[k] == Scanner.newline else { return nil }
        }
        if k < end { k += 1 }
        if let key = Self.normalize(text[label.content]), map[key] == nil {
            // §4.7: the first definition of a label wins.
            let urlStart = store.count
            Entities.unescape(s[destination.url], into: &store)
            let titleStart = store.count
            if let title { Entities.unescape(s[title], into: &store) }
            map[key] = Definition(url: urlStart..<titleStart, title: titleStart..<store.count)
        }
        return k - from
    }
}
