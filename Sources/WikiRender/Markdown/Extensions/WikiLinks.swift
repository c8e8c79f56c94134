// Wiki links (opswiki extension): `[[Page]]`, `[[Page|label]]`, `[[Page#Section]]` as inline syntax.
extension InlineParser {
    /// Longest `[[…]]` body, in bytes.
    static let maximumWikiLinkLength = 512

    /// Parses `[[target|label]]` at `pos`; false (and nothing consumed) when it is not one.
    mutating func handleWikiLink() -> Bool {
        let count = subject.count
        guard pos + 1 < count, subject[pos + 1] == UInt8(ascii: "[") else { return false }
        let bodyStart = pos + 2
        let limit = min(count, bodyStart + Self.maximumWikiLinkLength)
        var i = bodyStart
        var bar = -1
        while i < limit {
            let c = subject[i]
            if c == UInt8(ascii: "[") || c == Scanner.newline { return false }
            if c == UInt8(ascii: "]") { break }
            if c == UInt8(ascii: "|") && bar < 0 { bar = i }
            i += 1
        }
        guard i + 1 < count, subject[i] == UInt8(ascii: "]"), subject[i + 1] == UInt8(ascii: "]") else { return false }
        let target = trimmed(bodyStart..<(bar >= 0 ? bar : i))
        let label = bar >= 0 ? trimmed((bar + 1)..<i) : target
        guard !target.isEmpty, !label.isEmpty else { return false }
        let node = appendNode(.wikiLink, start: base + target.lowerBound, end: base + target.upperBound)
        doc.nodes[Int(node)].extraStart = Int32(base + label.lowerBound)
        doc.nodes[Int(node)].extraEnd = Int32(base + label.upperBound)
        pos = i + 2
        return true
    }

    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var a = range.lowerBound, b = range.upperBound
        while a < b && Scanner.isWhitespace(subject[a]) { a += 1 }
        while b > a && Scanner.isWhitespace(subject[b - 1]) { b -= 1 }
        return a..<b
    }
}

extension HTMLRenderer {
    /// Writes a wiki link: the page part goes to `links`, a `#Section` becomes the section's slug,
    /// and a page that is unknown or missing gets `class="wiki-link missing"`.
    mutating func renderWikiLink(_ node: Node, links: (String) -> WikiLink?) {
        let target = doc.bytes[Int(node.start)..<Int(node.end)]
        let hash = target.firstIndex(of: UInt8(ascii: "#")) ?? target.endIndex
        var pageEnd = hash
        while pageEnd > target.startIndex && Scanner.isWhitespace(target[pageEnd - 1]) { pageEnd -= 1 }
        let page = String(decoding: target[..<pageEnd], as: UTF8.self)
        let section = hash < target.endIndex ? String(decoding: target[(hash + 1)...], as: UTF8.self) : ""
        var href: [UInt8] = []
        var exists = true
        if !page.isEmpty {
            let link = links(page)
            href = Array((link?.href ?? "").utf8)
            exists = link?.exists ?? false
        }
        // An unresolved page has no URL to anchor into: the link stays without an href.
        if !section.isEmpty && (page.isEmpty || !href.isEmpty) {
            var slugger = HeadingSlugger()
            href.append(UInt8(ascii: "#"))
            href.append(contentsOf: Array(slugger.slug(for: section).utf8))
        }
        out.append(contentsOf: exists ? Array("<a class=\"wiki-link\"".utf8) : Array("<a class=\"wiki-link missing\"".utf8))
        if !href.isEmpty && (options.unsafeHTML || URLPolicy.isSafe(href, image: false)) {
            out.append(contentsOf: Array(" href=\"".utf8))
            HTMLEscaping.escapeHref(href[...], into: &out)
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: ">"))
        HTMLEscaping.escapeText(doc.bytes[Int(node.extraStart)..<Int(node.extraEnd)], into: &out)
        out.append(contentsOf: Array("</a>".utf8))
    }
}
