/// Snippets: the passage of a page with the most query terms, matched words marked.
extension SearchIndex {
    /// The passage length, in words.
    static let snippetWords = 28
    /// How many words of context come before the first match of the passage.
    static let snippetLead = 6
    /// Markdown punctuation left out between words, so a snippet reads as prose.
    private static let markup: Set<Character> = ["#", "*", "_", "`", "|", "[", "]", "~", "="]

    /// A passage of `text` around the densest cluster of `terms`: plain text and matched words, never HTML.
    static func snippet(_ text: String, terms: Set<String>) -> [SearchResults.Fragment] {
        let tokens = SearchTokenizer.tokens(text)
        guard !tokens.isEmpty else { return [] }
        // Start a little before the match whose window holds the most distinct terms (the first match wins ties).
        var start = 0, best = 0
        for match in tokens.indices.lazy.filter({ terms.contains(tokens[$0].term) }).prefix(200) {
            let candidate = max(0, match - snippetLead)
            let window = tokens[candidate..<min(tokens.count, candidate + snippetWords)]
            let distinct = Set(window.lazy.map(\.term).filter(terms.contains)).count
            if distinct > best { (start, best) = (candidate, distinct) }
        }
        let end = min(tokens.count, start + snippetWords)
        var fragments: [SearchResults.Fragment] = []
        var plain = start > 0 ? "… " : ""
        for index in start..<end {
            let token = tokens[index]
            if index > start { plain += gap(text[tokens[index - 1].range.upperBound..<token.range.lowerBound]) }
            if terms.contains(token.term) {
                if !plain.isEmpty { fragments.append(.init(text: plain, isMatch: false)) }
                fragments.append(.init(text: String(text[token.range]), isMatch: true))
                plain = ""
            } else {
                plain += text[token.range]
            }
        }
        if end < tokens.count { plain += " …" }
        if !plain.isEmpty { fragments.append(.init(text: plain, isMatch: false)) }
        return fragments
    }

    /// The text between two words with markup dropped and whitespace collapsed to one space.
    private static func gap(_ text: Substring) -> String {
        var result = ""
        for character in text where !markup.contains(character) {
            if character.isWhitespace {
                if result.last != " " { result.append(" ") }
            } else {
                result.append(character)
            }
        }
        return result.isEmpty ? " " : result
    }
}
