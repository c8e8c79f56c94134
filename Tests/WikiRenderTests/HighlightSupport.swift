@testable import WikiRender

/// Expands the shorthand `«kind|text»` into `<span class="hl-KIND">text</span>` (text is written
/// already escaped), so expected outputs stay readable while still being compared byte for byte.
/// Kinds: k keyword, s string, c comment, n number, l literal, v variable, key, b builtin,
/// p punctuation, pr prompt.
func spans(_ notation: String) -> String {
    let kinds = ["k": "keyword", "s": "string", "c": "comment", "n": "number", "l": "literal", "v": "variable",
                 "key": "key", "b": "builtin", "p": "punctuation", "pr": "prompt"]
    var out = ""
    var rest = Substring(notation)
    while let open = rest.firstIndex(of: "«") {
        out += rest[..<open]
        let body = rest[rest.index(after: open)...]
        guard let bar = body.firstIndex(of: "|"), let close = body.firstIndex(of: "»"),
              let kind = kinds[String(body[..<bar])] else { return out + "«malformed»" }
        out += "<span class=\"hl-\(kind)\">" + body[body.index(after: bar)..<close] + "</span>"
        rest = body[body.index(after: close)...]
    }
    return out + rest
}

/// `code` highlighted as `language`, as a string.
func highlighted(_ code: String, _ language: CodeLanguage) -> String {
    Highlighter.highlight(code, as: language).string
}

/// What highlighted HTML must be: only `<span class="hl-…">` and `</span>` tags, never nested, and
/// without them exactly the escaped input. Returns the first problem, or nil.
func highlightProblem(_ html: [UInt8], input: [UInt8]) -> String? {
    let open = Array("<span class=\"hl-".utf8), close = Array("</span>".utf8)
    let classes = Set(TokenKind.allCases.map { Array($0.rawValue.utf8) })
    var text: [UInt8] = []
    var depth = 0
    var index = 0
    while index < html.count {
        if html[index] != UInt8(ascii: "<") { text.append(html[index]); index += 1; continue }
        if html[index...].starts(with: open) {
            guard depth == 0 else { return "nested span at \(index)" }
            let nameStart = index + open.count
            guard let quote = html[nameStart...].firstIndex(of: UInt8(ascii: "\"")),
                  classes.contains(Array(html[nameStart..<quote])), html.count > quote + 1,
                  html[quote + 1] == UInt8(ascii: ">") else { return "unknown class at \(index)" }
            depth = 1
            index = quote + 2
        } else if html[index...].starts(with: close) {
            guard depth == 1 else { return "unbalanced </span> at \(index)" }
            depth = 0
            index += close.count
        } else {
            return "a tag other than a highlight span at \(index)"
        }
    }
    guard depth == 0 else { return "span left open" }
    var escaped: [UInt8] = []
    HTMLEscaping.escapeText(input[...], into: &escaped)
    return text == escaped ? nil : "the text differs from the escaped input"
}

/// A small deterministic generator (SplitMix64) for property tests.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
