// GFM "disallowed raw HTML" (cmark-gfm extensions/tagfilter.c): the opening `<` of these tags is
// escaped in raw HTML, so a browser shows them as text.
enum TagFilter {
    private static let names: [[UInt8]] = ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes",
                                           "script", "plaintext"].map { Array($0.utf8) }

    /// Appends `html` to `out`, writing `&lt;` for the `<` of each disallowed tag.
    static func filter(_ html: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var runStart = html.startIndex
        var i = html.startIndex
        while i < html.endIndex {
            if html[i] == UInt8(ascii: "<") && isDisallowed(html, at: i) {
                out.append(contentsOf: html[runStart..<i])
                out.append(contentsOf: [38, 108, 116, 59])  // &lt;
                runStart = i + 1
            }
            i += 1
        }
        out.append(contentsOf: html[runStart..<html.endIndex])
    }

    private static func isDisallowed(_ html: ArraySlice<UInt8>, at index: Int) -> Bool {
        var i = index + 1
        if i < html.endIndex && html[i] == UInt8(ascii: "/") { i += 1 }
        for name in names {
            guard i + name.count <= html.endIndex else { continue }
            var k = 0
            while k < name.count && Scanner.lower(html[i + k]) == name[k] { k += 1 }
            guard k == name.count else { continue }
            let after = i + name.count
            guard after < html.endIndex else { return false }
            let c = html[after]
            if Scanner.isWhitespace(c) || c == UInt8(ascii: ">") { return true }
            if c == UInt8(ascii: "/") && after + 1 < html.endIndex && html[after + 1] == UInt8(ascii: ">") { return true }
        }
        return false
    }
}
