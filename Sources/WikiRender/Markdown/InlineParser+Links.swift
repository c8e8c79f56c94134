// Links, images, autolinks and raw HTML (CommonMark 0.31.2 §6.3–§6.6), after cmark inlines.c.
extension InlineParser {
    /// A link destination: the URL's range (without `<>`) and the index after it.
    struct Destination {
        var url: Range<Int>
        var next: Int
        var angled: Bool
    }

    /// cmark's limit on nested parentheses in a bare destination.
    static let maximumParenDepth = 32
    /// §4.7: a link label has at most 999 characters.
    static let maximumLabelLength = 999

    mutating func pushBracket(_ node: Int32, image: Bool) {
        if !brackets.isEmpty { brackets[brackets.count - 1].bracketAfter = true }
        brackets.append(Bracket(node: node, position: pos, image: image, linkSerial: linksMade))
        if image { openImagesSinceLink += 1 } else { openLinkBrackets += 1 }
    }

    mutating func popBracket() {
        guard let bracket = brackets.popLast() else { return }
        if !bracket.image {
            openLinkBrackets -= 1
        } else if bracket.linkSerial == linksMade {
            openImagesSinceLink -= 1
        }
    }

    /// cmark-gfm's in_bracket test for extended autolinks: an open `[`, or an open `![` that no
    /// finished link has followed (as Debian's cmark-gfm 0.29.0.gfm.6 behaves).
    var insideBrackets: Bool { openLinkBrackets > 0 || openImagesSinceLink > 0 }

    mutating func handleCloseBracket() {
        pos += 1
        let initialPos = pos
        guard let opener = brackets.last else { appendText(pos - 1, pos); return }
        guard opener.active else {
            popBracket()
            appendText(pos - 1, pos)
            return
        }
        let afterLinkText = pos
        let count = subject.count
        // An inline link: ( destination "title" ).
        if pos < count && subject[pos] == UInt8(ascii: "(") {
            let start = Self.skipWhitespace(subject[...], pos + 1)
            if let destination = Self.scanLinkDestination(subject[...], start) {
                let endURL = destination.next
                let startTitle = Self.skipWhitespace(subject[...], endURL)
                var endTitle = startTitle
                var title: Range<Int> = startTitle..<startTitle
                if startTitle != endURL, let titleEnd = Self.scanLinkTitle(subject[...], startTitle) {
                    endTitle = titleEnd
                    title = (startTitle + 1)..<(titleEnd - 1)
                }
                let endAll = Self.skipWhitespace(subject[...], endTitle)
                if endAll < count && subject[endAll] == UInt8(ascii: ")") {
                    pos = endAll + 1
                    let url = storeUnescaped(destination.url)
                    let titleRange = storeUnescaped(title)
                    makeLink(opener, url: url, title: titleRange)
                    return
                }
            }
            pos = afterLinkText
        }
        // A reference link: [text][label], [label][] or [label].
        var label: Range<Int>? = nil
        if let found = Self.scanLinkLabel(subject[...], pos) {
            pos = found.next
            if !found.content.isEmpty { label = found.content }
        }
        if label == nil && !opener.bracketAfter {
            label = opener.position..<(initialPos - 1)
        }
        if let label, !refs.isEmpty, label.count <= Self.maximumLabelLength, let definition = refs.lookup(subject[label]) {
            let url = doc.store(refs.store[definition.url])
            let title = doc.store(refs.store[definition.title])
            makeLink(opener, url: url, title: title)
            return
        }
        popBracket()
        pos = initialPos
        appendText(pos - 1, pos)
    }

    private mutating func makeLink(_ opener: Bracket, url: (Int32, Int32), title: (Int32, Int32)) {
        let link = doc.makeNode(opener.image ? .image : .link, start: url.0, end: url.1)
        doc.nodes[Int(link)].extraStart = title.0
        doc.nodes[Int(link)].extraEnd = title.1
        doc.moveSiblings(after: opener.node, upTo: -1, into: link)
        doc.insert(link, after: opener.node)
        doc.unlink(opener.node)
        processEmphasis(stackBottom: opener.position)
        popBracket()
        if !opener.image {
            linksMade += 1
            openImagesSinceLink = 0
            // §6.3: links may not contain other links, so earlier `[` can no longer make one. Everything
            // below `linkFloor` is already inactive, which keeps runs of open `![` linear.
            linkFloor = min(linkFloor, brackets.count)
            var i = brackets.count - 1
            while i >= linkFloor {
                if !brackets[i].image { brackets[i].active = false }
                i -= 1
            }
            linkFloor = brackets.count
        }
    }

    // MARK: Autolinks and raw HTML

    mutating func handlePointyBrace() {
        let start = pos
        let count = subject.count
        if let end = Self.scanAutolinkURI(subject, start + 1) {
            makeAutolink(start + 1, end - 1, email: false)
            pos = end
            return
        }
        if let end = Self.scanAutolinkEmail(subject, start + 1) {
            makeAutolink(start + 1, end - 1, email: true)
            pos = end
            return
        }
        var end: Int? = nil
        if start + 2 < count && subject[start + 1] == UInt8(ascii: "!") {
            if start + 3 < count && subject[start + 2] == UInt8(ascii: "-") && subject[start + 3] == UInt8(ascii: "-") {
                // 0.31.2 §6.6: `<!-->` and `<!--->` are comments; otherwise up to the first `-->`.
                if start + 4 < count && subject[start + 4] == UInt8(ascii: ">") {
                    end = start + 5
                } else if start + 5 < count && subject[start + 4] == UInt8(ascii: "-") && subject[start + 5] == UInt8(ascii: ">") {
                    end = start + 6
                } else if !noCommentEnd {
                    end = find("-->", from: start + 4)
                    if end == nil { noCommentEnd = true }
                }
            } else if start + 9 <= count && subject[(start + 2)..<(start + 9)].elementsEqual("[CDATA[".utf8) {
                if !noCDATAEnd {
                    end = find("]]>", from: start + 9)
                    if end == nil { noCDATAEnd = true }
                }
            } else if Scanner.isAlpha(subject[start + 2]) && !noDeclarationEnd {
                end = find(">", from: start + 3)
                if end == nil { noDeclarationEnd = true }
            }
        } else if start + 1 < count && subject[start + 1] == UInt8(ascii: "?") {
            if !noProcessingEnd {
                end = find("?>", from: start + 2)
                if end == nil { noProcessingEnd = true }
            }
        } else {
            end = BlockParser.scanHTMLTag(subject, start, end: count)
        }
        if let end {
            appendText(start, end)
            doc.nodes[Int(doc.nodes[Int(container)].lastChild)].kind = .htmlInline
            pos = end
        } else {
            appendText(start, start + 1)
            pos = start + 1
        }
    }

    /// The index just after the first `needle` at or after `from`, or nil.
    private func find(_ needle: StaticString, from: Int) -> Int? {
        let count = subject.count, length = needle.utf8CodeUnitCount
        return needle.withUTF8Buffer { w -> Int? in
            var i = from
            while i + length <= count {
                if subject[i] == w[0] {
                    var k = 1
                    while k < length && subject[i + k] == w[k] { k += 1 }
                    if k == length { return i + length }
                }
                i += 1
            }
            return nil
        }
    }

    private mutating func makeAutolink(_ start: Int, _ end: Int, email: Bool) {
        let urlFrom = Int32(doc.bytes.count)
        if email { doc.bytes.append(contentsOf: Array("mailto:".utf8)) }
        Entities.unescapeEntities(subject[start..<end], into: &doc.bytes)
        let link = appendNode(.link, start: Int(urlFrom), end: doc.bytes.count)
        let text = storeUnescaped(start..<end, backslashes: false)
        let child = doc.makeNode(.text, start: text.0, end: text.1)
        doc.appendChild(child, to: link)
    }

    /// `<scheme:...>` (§6.5): returns the index after `>`.
    static func scanAutolinkURI(_ s: [UInt8], _ start: Int) -> Int? {
        var i = start
        let count = s.count
        guard i < count, Scanner.isAlpha(s[i]) else { return nil }
        i += 1
        while i < count && (Scanner.isAlphanumeric(s[i]) || s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: "-")) {
            i += 1
        }
        let schemeLength = i - start
        guard schemeLength >= 2 && schemeLength <= 32, i < count, s[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        while i < count {
            let c = s[i]
            if c == UInt8(ascii: ">") { return i + 1 }
            if c <= 0x20 || c == UInt8(ascii: "<") { return nil }
            i += 1
        }
        return nil
    }

    /// `<local@domain>` (§6.5): returns the index after `>`.
    static func scanAutolinkEmail(_ s: [UInt8], _ start: Int) -> Int? {
        var i = start
        let count = s.count
        while i < count {
            let c = s[i]
            if Scanner.isAlphanumeric(c) || (Scanner.isPunctuation(c) && c != UInt8(ascii: "@") && c != UInt8(ascii: "<")
                && c != UInt8(ascii: ">") && c != UInt8(ascii: "(") && c != UInt8(ascii: ")") && c != UInt8(ascii: ",")
                && c != UInt8(ascii: ":") && c != UInt8(ascii: ";") && c != UInt8(ascii: "[") && c != UInt8(ascii: "]")
                && c != UInt8(ascii: "\\") && c != UInt8(ascii: "\"")) {
                i += 1
            } else {
                break
            }
        }
        guard i > start, i < count, s[i] == UInt8(ascii: "@") else { return nil }
        i += 1
        while true {
            let labelStart = i
            while i < count && (Scanner.isAlphanumeric(s[i]) || s[i] == UInt8(ascii: "-")) && i - labelStart < 63 { i += 1 }
            let length = i - labelStart
            guard length >= 1, Scanner.isAlphanumeric(s[labelStart]), Scanner.isAlphanumeric(s[i - 1]) else { return nil }
            guard i < count else { return nil }
            if s[i] == UInt8(ascii: ">") { return i + 1 }
            guard s[i] == UInt8(ascii: ".") else { return nil }
            i += 1
        }
    }

    // MARK: Link syntax scanners, shared with link reference definitions

    static func skipWhitespace(_ s: ArraySlice<UInt8>, _ from: Int) -> Int {
        var i = from
        while i < s.endIndex && Scanner.isWhitespace(s[i]) { i += 1 }
        return i
    }

    /// Spaces and tabs, at most one line ending, spaces and tabs (cmark spnl).
    static func skipSpacesAndNewline(_ s: ArraySlice<UInt8>, _ from: Int) -> Int {
        var i = from
        while i < s.endIndex && Scanner.isSpaceOrTab(s[i]) { i += 1 }
        if i < s.endIndex && s[i] == Scanner.newline {
            i += 1
            while i < s.endIndex && Scanner.isSpaceOrTab(s[i]) { i += 1 }
        }
        return i
    }

    /// `[label]` at `start`: the content range and the index after `]` (§4.7: no unescaped brackets,
    /// at most 999 characters).
    static func scanLinkLabel(_ s: ArraySlice<UInt8>, _ start: Int) -> (content: Range<Int>, next: Int)? {
        guard start < s.endIndex, s[start] == UInt8(ascii: "[") else { return nil }
        var i = start + 1
        while i < s.endIndex {
            let c = s[i]
            if c == UInt8(ascii: "[") { return nil }
            if c == UInt8(ascii: "]") {
                var contentStart = start + 1, contentEnd = i
                while contentStart < contentEnd && Scanner.isWhitespace(s[contentStart]) { contentStart += 1 }
                while contentEnd > contentStart && Scanner.isWhitespace(s[contentEnd - 1]) { contentEnd -= 1 }
                return (contentStart..<contentEnd, i + 1)
            }
            if c == UInt8(ascii: "\\") && i + 1 < s.endIndex && Scanner.isPunctuation(s[i + 1]) { i += 1 }
            i += 1
            if i - start - 1 > maximumLabelLength { return nil }
        }
        return nil
    }

    /// A link destination (§6.3) at `start`: `<...>`, or a run without spaces and with balanced parentheses.
    static func scanLinkDestination(_ s: ArraySlice<UInt8>, _ start: Int) -> Destination? {
        let end = s.endIndex
        var i = start
        if i < end && s[i] == UInt8(ascii: "<") {
            i += 1
            while i < end {
                let c = s[i]
                if c == UInt8(ascii: ">") { return Destination(url: (start + 1)..<i, next: i + 1, angled: true) }
                if c == UInt8(ascii: "\\") && i + 1 < end && Scanner.isPunctuation(s[i + 1]) { i += 2; continue }
                if c == Scanner.newline || c == UInt8(ascii: "<") { return nil }
                i += 1
            }
            return nil
        }
        var depth = 0
        while i < end {
            let c = s[i]
            if c == UInt8(ascii: "\\") && i + 1 < end && Scanner.isPunctuation(s[i + 1]) {
                i += 2
            } else if c == UInt8(ascii: "(") {
                depth += 1
                if depth > maximumParenDepth { return nil }
                i += 1
            } else if c == UInt8(ascii: ")") {
                if depth == 0 { break }
                depth -= 1
                i += 1
            } else if c <= 0x20 || c == 0x7F {
                break
            } else {
                i += 1
            }
        }
        guard i < end, depth == 0 else { return nil }
        return Destination(url: start..<i, next: i, angled: false)
    }

    /// A link title (§6.3) at `start`: returns the index after its closing delimiter.
    static func scanLinkTitle(_ s: ArraySlice<UInt8>, _ start: Int) -> Int? {
        guard start < s.endIndex else { return nil }
        let open = s[start]
        let close: UInt8
        switch open {
        case UInt8(ascii: "\""), UInt8(ascii: "'"): close = open
        case UInt8(ascii: "("): close = UInt8(ascii: ")")
        default: return nil
        }
        var i = start + 1
        while i < s.endIndex {
            let c = s[i]
            if c == UInt8(ascii: "\\") && i + 1 < s.endIndex && Scanner.isPunctuation(s[i + 1]) { i += 2; continue }
            if c == close { return i + 1 }
            if open == UInt8(ascii: "(") && c == UInt8(ascii: "(") { return nil }
            i += 1
        }
        return nil
    }
}
