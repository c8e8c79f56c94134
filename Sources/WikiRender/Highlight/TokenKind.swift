/// What a highlighted piece of code is. Its raw value is the suffix of the CSS class the theme
/// styles (`<span class="hl-keyword">`); the set is closed, so a page can never choose a class.
public enum TokenKind: String, CaseIterable, Sendable {
    case keyword, string, comment, number, literal, variable, key, builtin, punctuation, prompt

    /// `<span class="hl-…">` as bytes, built once per kind.
    static let openTags: [TokenKind: [UInt8]] = Dictionary(uniqueKeysWithValues: allCases.map {
        ($0, Array("<span class=\"hl-\($0.rawValue)\">".utf8))
    })
}
