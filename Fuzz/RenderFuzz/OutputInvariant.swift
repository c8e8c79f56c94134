/// The safety invariant of rendered HTML, checked independently of the sanitizer's own tokenizer:
/// no `<script`, no `on…=` event-handler attribute inside a tag, and no attribute value that is a
/// `javascript:` or `vbscript:` URL (after decoding references and dropping whitespace and controls).
enum OutputInvariant {
    /// A description of the first violation in `html`, or nil when it is safe.
    static func violation(in html: [UInt8]) -> String? {
        var index = 0
        while index < html.count {
            guard html[index] == UInt8(ascii: "<") else { index += 1; continue }
            if startsWithScript(html, at: index + 1) { return "<script at byte \(index)" }
            guard index + 1 < html.count, isLetter(html[index + 1]) || html[index + 1] == UInt8(ascii: "/") else {
                index += 1
                continue
            }
            let (end, problem) = scanTag(html, from: index + 1)
            if let problem { return "\(problem) in the tag at byte \(index)" }
            index = end
        }
        return nil
    }

    /// Attributes whose value a browser loads or follows as a URL (a `title` may say "javascript:").
    private static let urlAttributes: Set<[UInt8]> = Set([
        "href", "src", "srcset", "cite", "action", "formaction", "background", "poster", "data", "codebase",
        "longdesc", "usemap", "dynsrc", "lowsrc", "xlink:href", "manifest", "ping", "icon", "profile",
        "classid", "archive", "content",
    ].map { Array($0.utf8) })

    /// Walks one tag's attributes up to its `>` (quotes respected); returns where it ends and a problem.
    private static func scanTag(_ html: [UInt8], from start: Int) -> (Int, String?) {
        var index = start
        while index < html.count, !isSpace(html[index]), html[index] != UInt8(ascii: ">") { index += 1 }
        while index < html.count, html[index] != UInt8(ascii: ">") {
            while index < html.count, isSpace(html[index]) || html[index] == UInt8(ascii: "/") { index += 1 }
            let nameStart = index
            while index < html.count, !isSpace(html[index]), html[index] != UInt8(ascii: "="),
                  html[index] != UInt8(ascii: ">") { index += 1 }
            let name = html[nameStart..<index].map { $0 | 0x20 }
            if name.count > 2, name.starts(with: [UInt8(ascii: "o"), UInt8(ascii: "n")]) {
                return (index, "event handler attribute \(String(decoding: name, as: UTF8.self))")
            }
            while index < html.count, isSpace(html[index]) { index += 1 }
            guard index < html.count, html[index] == UInt8(ascii: "=") else { continue }
            index += 1
            while index < html.count, isSpace(html[index]) { index += 1 }
            var value: ArraySlice<UInt8> = []
            if index < html.count, html[index] == UInt8(ascii: "\"") || html[index] == UInt8(ascii: "'") {
                let quote = html[index]
                let close = html[(index + 1)...].firstIndex(of: quote) ?? html.count
                value = html[min(index + 1, close)..<close]
                index = min(close + 1, html.count)
            } else {
                let valueStart = index
                while index < html.count, !isSpace(html[index]), html[index] != UInt8(ascii: ">") { index += 1 }
                value = html[valueStart..<index]
            }
            if urlAttributes.contains(name), isScriptURL(value) {
                return (index, "script URL \(String(decoding: value.prefix(40), as: UTF8.self).debugDescription)")
            }
        }
        return (min(index + 1, html.count), nil)
    }

    /// Whether a value, decoded and stripped as a browser would, starts with a script scheme.
    private static func isScriptURL(_ value: ArraySlice<UInt8>) -> Bool {
        var decoded: [UInt8] = []
        var index = value.startIndex
        while index < value.endIndex {
            if value[index] == UInt8(ascii: "&"), let (byte, length) = reference(value, at: index) {
                decoded.append(byte)
                index += length
            } else {
                decoded.append(value[index])
                index += 1
            }
        }
        let letters = decoded.filter { $0 > 0x20 }.map { $0 | 0x20 }
        return letters.starts(with: Array("javascript:".utf8)) || letters.starts(with: Array("vbscript:".utf8))
    }

    /// Numeric references and the named ones that spell URL syntax (`&colon;`, `&Tab;`, `&NewLine;`).
    private static func reference(_ value: ArraySlice<UInt8>, at start: Int) -> (UInt8, Int)? {
        let rest = value[start...].prefix(16)
        let text = String(decoding: rest, as: UTF8.self).lowercased()
        for (name, byte) in [("&colon;", UInt8(ascii: ":")), ("&tab;", 0x09), ("&newline;", 0x0A)] where text.hasPrefix(name) {
            return (byte, name.utf8.count)
        }
        guard text.hasPrefix("&#") else { return nil }
        let hex = text.dropFirst(2).hasPrefix("x")
        let digits = text.dropFirst(hex ? 3 : 2).prefix { hex ? $0.isHexDigit : $0.isNumber }
        guard !digits.isEmpty, let number = UInt32(digits, radix: hex ? 16 : 10) else { return nil }
        var length = (hex ? 3 : 2) + digits.count
        if text.dropFirst(length).hasPrefix(";") { length += 1 }
        return (number < 0x80 ? UInt8(number) : 0x80, length)
    }

    private static func startsWithScript(_ html: [UInt8], at index: Int) -> Bool {
        let word = Array("script".utf8)
        guard index + word.count <= html.count else { return false }
        return html[index..<(index + word.count)].map { $0 | 0x20 } == word
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    /// Known-bad outputs the checker must flag; returns those it misses (run before replaying).
    static func selfCheck() -> [String] {
        let bad = [
            "<p><script>alert(1)</script></p>", "<SCRIPT src=x>", "<img src=x onerror=alert(1)>",
            "<a\nONclick = 'x'>", "<a href=\"javascript:alert(1)\">", "<a href='&#106;avascript&colon;x'>",
            "<img src=\" java&Tab;script:x\">", "<a href=vbscript:x>", "<a title=\"x\" href=\"&#x6A;avascript:x\">",
        ]
        let good = ["<p>&lt;script&gt; on=1 onclick=x</p>", "<a href=\"https://x/javascript:\" title=\"onload\">",
                    "<a title=\"javascript:alert(1)\">"]
        return bad.filter { violation(in: Array($0.utf8)) == nil } + good.filter { violation(in: Array($0.utf8)) != nil }
    }
}
