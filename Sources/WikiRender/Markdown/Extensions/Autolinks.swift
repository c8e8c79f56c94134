// GFM extended autolinks (cmark-gfm extensions/autolink.c): `www.`, `http://`, `https://`, `ftp://`
// and bare email addresses, with GFM's trailing-punctuation and parenthesis rules.
extension InlineParser {
    /// `http://…`, `https://…` or `ftp://…` whose `:` is at `pos`; the scheme is taken back from the
    /// text before it.
    mutating func handleURLAutolink() -> Bool {
        guard !insideBrackets else { return false }
        let colon = pos
        let count = subject.count
        guard colon + 3 < count, subject[colon + 1] == UInt8(ascii: "/"), subject[colon + 2] == UInt8(ascii: "/") else { return false }
        // The scheme must be the tail of the previous text node.
        let last = doc.nodes[Int(container)].lastChild
        guard last >= 0, doc.nodes[Int(last)].kind == .text, Int(doc.nodes[Int(last)].end) == base + colon else { return false }
        let textStart = Int(doc.nodes[Int(last)].start) - base
        var schemeStart = colon
        while schemeStart > textStart && schemeStart > 0 && Scanner.isAlpha(subject[schemeStart - 1]) { schemeStart -= 1 }
        let scheme = subject[schemeStart..<colon].map(Scanner.lower)
        guard scheme == Array("http".utf8) || scheme == Array("https".utf8) || scheme == Array("ftp".utf8) else { return false }
        // cmark-gfm sd_autolink_issafe: the host must start right after `://`.
        guard isHostCharacter(colon + 3) else { return false }
        let domain = checkDomain(colon + 3, allowShort: true)
        guard domain > 0 else { return false }
        var end = colon + 3 + domain
        while end < count && !Scanner.isWhitespace(subject[end]) && subject[end] != UInt8(ascii: "<") { end += 1 }
        end = trimAutolinkEnd(from: schemeStart, end: end)
        guard end > colon + 3 else { return false }
        doc.nodes[Int(last)].end -= Int32(colon - schemeStart)
        if doc.nodes[Int(last)].end == doc.nodes[Int(last)].start { doc.unlink(last) }
        let url = doc.store(subject[schemeStart..<end])
        appendLink(url: url, text: (Int32(base + schemeStart), Int32(base + end)))
        pos = end
        return true
    }

    /// `www.…` at `pos`, at the start of the text or after whitespace, `*`, `_`, `~` or `(`.
    mutating func handleWWWAutolink() -> Bool {
        guard !insideBrackets else { return false }
        let start = pos
        let count = subject.count
        guard start + 4 <= count, subject[start..<(start + 4)].elementsEqual("www.".utf8) else { return false }
        if start > 0 {
            let before = subject[start - 1]
            guard Scanner.isWhitespace(before) || before == UInt8(ascii: "*") || before == UInt8(ascii: "_")
                || before == UInt8(ascii: "~") || before == UInt8(ascii: "(") else { return false }
        }
        let domain = checkDomain(start, allowShort: false)
        guard domain > 0 else { return false }
        var end = start + domain
        while end < count && !Scanner.isWhitespace(subject[end]) && subject[end] != UInt8(ascii: "<") { end += 1 }
        end = trimAutolinkEnd(from: start, end: end)
        guard end > start else { return false }
        let from = Int32(doc.bytes.count)
        doc.bytes.append(contentsOf: Array("http://".utf8))
        doc.bytes.append(contentsOf: subject[start..<end])
        appendLink(url: (from, Int32(doc.bytes.count)), text: (Int32(base + start), Int32(base + end)))
        pos = end
        return true
    }

    private mutating func appendLink(url: (Int32, Int32), text: (Int32, Int32)) {
        let link = appendNode(.link, start: Int(url.0), end: Int(url.1))
        let child = doc.makeNode(.text, start: text.0, end: text.1)
        doc.appendChild(child, to: link)
    }

    /// cmark-gfm check_domain: the length of a domain at `start` (0 when invalid); no `_` in the last
    /// two labels; without `allowShort` it needs a dot.
    private func checkDomain(_ start: Int, allowShort: Bool) -> Int {
        let count = subject.count
        var periods = 0, underscoresBefore = 0, underscores = 0
        var i = start + 1
        while i < count - 1 {
            let d = subject[i]
            if d == UInt8(ascii: "_") {
                underscores += 1
            } else if d == UInt8(ascii: ".") {
                underscoresBefore = underscores
                underscores = 0
                periods += 1
            } else if d != UInt8(ascii: "-") && !isHostCharacter(i) {
                break
            }
            i += 1
        }
        if underscoresBefore > 0 || underscores > 0 { return 0 }
        return allowShort || periods > 0 ? i - start : 0
    }

    private func isHostCharacter(_ i: Int) -> Bool {
        // cmark-gfm is_valid_hostchar: not whitespace and not punctuation (general category P only;
        // symbols such as emoji are allowed in a host name).
        let scalar = Self.scalarAt(subject, i)
        if scalar < 0x80 { return !Scanner.isWhitespace(UInt8(scalar)) && !Scanner.isPunctuation(UInt8(scalar)) }
        guard let value = Unicode.Scalar(scalar) else { return false }
        switch value.properties.generalCategory {
        case .spaceSeparator, .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return false
        default:
            return true
        }
    }

    /// cmark-gfm autolink_delim: drops trailing punctuation, unbalanced `)` and an entity-like `&x;`.
    private func trimAutolinkEnd(from start: Int, end: Int) -> Int {
        var end = end
        var opening = 0, closing = 0
        for i in start..<end {
            let c = subject[i]
            if c == UInt8(ascii: "<") { end = i; break }
            if c == UInt8(ascii: "(") { opening += 1 } else if c == UInt8(ascii: ")") { closing += 1 }
        }
        while end > start {
            switch subject[end - 1] {
            case UInt8(ascii: ")"):
                if closing <= opening { return end }
                closing -= 1
                end -= 1
            case UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"),
                 UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                end -= 1
            case UInt8(ascii: ";"):
                var k = end - 2
                while k > start && Scanner.isAlpha(subject[k]) { k -= 1 }
                if k < end - 2 && k >= start && subject[k] == UInt8(ascii: "&") { end = k } else { end -= 1 }
            default:
                return end
            }
        }
        return end
    }

    // MARK: Email addresses (a pass over finished text nodes, as cmark-gfm's postprocess)

    /// Turns `local@domain.tld` in the text of `block` (outside links) into `mailto:` links.
    mutating func linkEmailAddresses(in block: Int32) {
        var stack: [Int32] = [block]
        while let parent = stack.popLast() {
            var child = doc.nodes[Int(parent)].firstChild
            while child >= 0 {
                let kind = doc.nodes[Int(child)].kind
                if kind == .text {
                    child = mergeTextRun(child)
                    if doc.literal(child).contains(UInt8(ascii: "@")) { child = linkEmails(in: child) }
                } else if kind != .link && kind != .image && kind != .wikiLink && doc.nodes[Int(child)].firstChild >= 0 {
                    stack.append(child)
                }
                child = doc.nodes[Int(child)].next
            }
        }
    }

    /// Merges `node` with the text nodes that follow it; returns the merged node.
    private mutating func mergeTextRun(_ node: Int32) -> Int32 {
        var next = doc.nodes[Int(node)].next
        guard next >= 0, doc.nodes[Int(next)].kind == .text else { return node }
        var merged: [UInt8] = Array(doc.literal(node))
        while next >= 0 && doc.nodes[Int(next)].kind == .text {
            merged.append(contentsOf: doc.literal(next))
            let following = doc.nodes[Int(next)].next
            doc.unlink(next)
            next = following
        }
        let range = doc.store(merged)
        doc.nodes[Int(node)].start = range.0
        doc.nodes[Int(node)].end = range.1
        return node
    }

    /// Splits the text node at each email address; returns the last node it produced.
    private mutating func linkEmails(in node: Int32) -> Int32 {
        var textNode = node
        var searchFrom = Int(doc.nodes[Int(node)].start)
        while true {
            let start = Int(doc.nodes[Int(textNode)].start), end = Int(doc.nodes[Int(textNode)].end)
            var at = searchFrom
            while at < end && doc.bytes[at] != UInt8(ascii: "@") { at += 1 }
            guard at < end else { return textNode }
            var rewind = at
            while rewind > start {
                let c = doc.bytes[rewind - 1]
                guard Scanner.isAlphanumeric(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "+")
                    || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") else { break }
                rewind -= 1
            }
            guard rewind < at else {
                searchFrom = at + 1
                continue
            }
            var linkEnd = at + 1, ats = 1, periods = 0
            while linkEnd < end {
                let c = doc.bytes[linkEnd]
                if Scanner.isAlphanumeric(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") {
                } else if c == UInt8(ascii: "@") {
                    // A second `@` already disqualifies this address; stopping keeps the scan linear.
                    ats += 1
                    break
                } else if c == UInt8(ascii: ".") && linkEnd + 1 < end && Scanner.isAlphanumeric(doc.bytes[linkEnd + 1]) {
                    periods += 1
                } else {
                    break
                }
                linkEnd += 1
            }
            let lastByte = doc.bytes[linkEnd - 1]
            guard linkEnd - at >= 2, ats == 1, periods > 0,
                  Scanner.isAlpha(lastByte) || lastByte == UInt8(ascii: ".") else {
                searchFrom = at + 1
                continue
            }
            while linkEnd > at + 1 && doc.bytes[linkEnd - 1] == UInt8(ascii: ".") { linkEnd -= 1 }
            let from = Int32(doc.bytes.count)
            doc.bytes.append(contentsOf: Array("mailto:".utf8))
            let address = Array(doc.bytes[rewind..<linkEnd])
            doc.bytes.append(contentsOf: address)
            let link = doc.makeNode(.link, start: from, end: Int32(doc.bytes.count))
            let text = doc.makeNode(.text, start: Int32(rewind), end: Int32(linkEnd))
            doc.appendChild(text, to: link)
            doc.insert(link, after: textNode)
            doc.nodes[Int(textNode)].end = Int32(rewind)
            guard linkEnd < end else { return link }
            let rest = doc.makeNode(.text, start: Int32(linkEnd), end: Int32(end))
            doc.insert(rest, after: link)
            textNode = rest
            searchFrom = linkEnd
        }
    }
}
