/// Snippets: the passage of a page with the most query terms, matched words marked.
extension SearchIndex {
    /// The passage length, in words.
    static let snippetWords = 28
    /// How many words of context come before the first match of the passage.
    static let snippetLead = 6
    /// Markdown punctuation left out between words, so a snippet reads as prose.
    private static let markup: Set<Character> = ["#", "*", "_", "`", "|", "[", "]", "~", "="]

    /// A passage of `text` around the densest cluster of `terms`: plain text and matched words, never HTML.
    /// `attainable` is how many of the terms the text holds at all (from the index), so reading can stop early.
    static func snippet(_ text: String, terms: Set<String>, attainable: Int) -> [SearchResults.Fragment] {
        // Start a little before the match whose window holds the most distinct terms (the first match wins ties;
        // the first 200 matches are tried). Words are read only as far as that needs: a window holding every
        // term the text has cannot be beaten, so reading stops one word after it (to know whether "…" follows).
        var tokens: [SearchTokenizer.Token] = []
        var waiting: [Int] = [], tried = 0
        var start = 0, best = 0, complete = attainable == 0
        func evaluate(_ candidate: Int) {
            let window = tokens[candidate..<min(tokens.count, candidate + snippetWords)]
            let distinct = Set(window.lazy.map(\.term).filter(terms.contains)).count
            if distinct > best { (start, best) = (candidate, distinct) }
            complete = best >= attainable
        }
        SearchTokenizer.forEachToken(in: text) { token in
            tokens.append(token)
            if complete { return tokens.count <= start + snippetWords }
            if terms.contains(token.term) && tried < 200 {
                tried += 1
                waiting.append(max(0, tokens.count - 1 - snippetLead))
            }
            while let candidate = waiting.first, tokens.count >= candidate + snippetWords, !complete {
                waiting.removeFirst()
                evaluate(candidate)
            }
            return true
        }
        for candidate in waiting where !complete { evaluate(candidate) }
        guard !tokens.isEmpty else { return [] }
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
