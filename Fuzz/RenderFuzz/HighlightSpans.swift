import WikiRender

/// Reads highlighter output back: the text between its tags, or nil when it holds any tag other than
/// a non-nested `<span class="hl-KIND">` (KIND a `TokenKind`) or its `</span>`.
enum HighlightSpans {
    private static let open = Array("<span class=\"hl-".utf8)
    private static let close = Array("</span>".utf8)
    private static let kinds = Set(TokenKind.allCases.map { Array($0.rawValue.utf8) })

    /// The text of `html` without its highlight spans, or nil when it is not highlighter output.
    static func text(of html: [UInt8]) -> [UInt8]? {
        var text: [UInt8] = []
        var inside = false
        var index = 0
        while index < html.count {
            guard html[index] == UInt8(ascii: "<") else { text.append(html[index]); index += 1; continue }
            if !inside, html[index...].starts(with: open) {
                let name = index + open.count
                guard let quote = html[name...].firstIndex(of: UInt8(ascii: "\"")), kinds.contains(Array(html[name..<quote])),
                      quote + 1 < html.count, html[quote + 1] == UInt8(ascii: ">") else { return nil }
                inside = true
                index = quote + 2
            } else if inside, html[index...].starts(with: close) {
                inside = false
                index += close.count
            } else {
                return nil
            }
        }
        return inside ? nil : text
    }
}
