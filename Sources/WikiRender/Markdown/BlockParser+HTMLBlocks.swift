// HTML blocks: the seven start conditions and their end conditions (CommonMark 0.31.2 §4.6).
extension BlockParser {
    private static let type1Names: Set<[UInt8]> = ["script", "pre", "style", "textarea"].reduce(into: []) { $0.insert(Array($1.utf8)) }
    private static let type6Names: Set<[UInt8]> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
        "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
        "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "title", "tr", "track", "ul",
    ].reduce(into: []) { $0.insert(Array($1.utf8)) }

    /// The HTML block type (1–7) that starts at `line[pos]`, or 0. Type 7 only when `allowType7`
    /// (it cannot interrupt a paragraph).
    static func htmlBlockStart(_ line: [UInt8], _ pos: Int, allowType7: Bool) -> Int32 {
        guard line[pos] == UInt8(ascii: "<") else { return 0 }
        let c = line[pos + 1]
        if c == UInt8(ascii: "!") {
            if Scanner.hasPrefix(line, at: pos + 2, "--") { return 2 }
            if pos + 9 <= line.count && line[(pos + 2)..<(pos + 9)].elementsEqual("[CDATA[".utf8) { return 5 }
            if Scanner.isAlpha(line[pos + 2]) { return 4 }
            return 0
        }
        if c == UInt8(ascii: "?") { return 3 }
        let closing = c == UInt8(ascii: "/")
        var i = pos + (closing ? 2 : 1)
        let nameStart = i
        while i < line.count && (Scanner.isAlphanumeric(line[i]) || line[i] == UInt8(ascii: "-")) { i += 1 }
        guard i > nameStart, Scanner.isAlpha(line[nameStart]) else { return 0 }
        let name = line[nameStart..<i].map(Scanner.lower)
        let after = line[i]
        if !closing && type1Names.contains(name)
            && (Scanner.isWhitespace(after) || after == UInt8(ascii: ">")) {
            return 1
        }
        if type6Names.contains(name) && (Scanner.isWhitespace(after) || after == UInt8(ascii: ">")
            || (after == UInt8(ascii: "/") && line[i + 1] == UInt8(ascii: ">"))) {
            return 6
        }
        // Type 7 excludes only opening tags of the type 1 names (a lone `</script>` line is type 7).
        guard allowType7, closing || !type1Names.contains(name) else { return 0 }
        let lineEnd = line.count - 1
        guard let tagEnd = scanHTMLTag(line, pos, end: lineEnd) else { return 0 }
        var j = tagEnd
        while j < lineEnd && Scanner.isSpaceOrTab(line[j]) { j += 1 }
        return j == lineEnd ? 7 : 0
    }

    /// Whether `line[from...]` meets the end condition of an HTML block of `type` (1–5).
    static func htmlBlockEnds(_ type: Int32, _ line: [UInt8], from: Int) -> Bool {
        switch type {
        case 1:
            return Scanner.contains(line, from: from, "</script>", caseInsensitive: true)
                || Scanner.contains(line, from: from, "</pre>", caseInsensitive: true)
                || Scanner.contains(line, from: from, "</style>", caseInsensitive: true)
                || Scanner.contains(line, from: from, "</textarea>", caseInsensitive: true)
        case 2: return Scanner.contains(line, from: from, "-->", caseInsensitive: false)
        case 3: return Scanner.contains(line, from: from, "?>", caseInsensitive: false)
        case 4: return Scanner.contains(line, from: from, ">", caseInsensitive: false)
        case 5: return Scanner.contains(line, from: from, "]]>", caseInsensitive: false)
        default: return false
        }
    }

    /// Scans an open tag or a closing tag (§6.6) starting at the `<` at `pos`; returns the index after
    /// its `>`, or nil. Whitespace may include line endings.
    static func scanHTMLTag(_ s: [UInt8], _ pos: Int, end: Int) -> Int? {
        var i = pos + 1
        guard i < end else { return nil }
        let closing = s[i] == UInt8(ascii: "/")
        if closing { i += 1 }
        guard i < end, Scanner.isAlpha(s[i]) else { return nil }
        while i < end && (Scanner.isAlphanumeric(s[i]) || s[i] == UInt8(ascii: "-")) { i += 1 }
        if closing {
            while i < end && Scanner.isWhitespace(s[i]) { i += 1 }
            return i < end && s[i] == UInt8(ascii: ">") ? i + 1 : nil
        }
        while true {
            let whitespaceStart = i
            while i < end && Scanner.isWhitespace(s[i]) { i += 1 }
            guard i < end else { return nil }
            if s[i] == UInt8(ascii: ">") { return i + 1 }
            if s[i] == UInt8(ascii: "/") { return i + 1 < end && s[i + 1] == UInt8(ascii: ">") ? i + 2 : nil }
            guard i > whitespaceStart else { return nil }
            let c = s[i]
            guard Scanner.isAlpha(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") else { return nil }
            i += 1
            while i < end {
                let b = s[i]
                guard Scanner.isAlphanumeric(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
                    || b == UInt8(ascii: ":") || b == UInt8(ascii: "-") else { break }
                i += 1
            }
            var j = i
            while j < end && Scanner.isWhitespace(s[j]) { j += 1 }
            guard j < end, s[j] == UInt8(ascii: "=") else { continue }
            j += 1
            while j < end && Scanner.isWhitespace(s[j]) { j += 1 }
            guard j < end else { return nil }
            let q = s[j]
            if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                var k = j + 1
                while k < end && s[k] != q { k += 1 }
                guard k < end else { return nil }
                i = k + 1
            } else {
                var k = j
                while k < end {
                    let b = s[k]
                    if Scanner.isWhitespace(b) || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
                        || b == UInt8(ascii: "=") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
                        || b == UInt8(ascii: "`") { break }
                    k += 1
                }
                guard k > j else { return nil }
                i = k
            }
        }
    }
}
