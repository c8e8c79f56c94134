import Foundation

/// Splits text into search terms: runs of letters and digits, lowercased, diacritics folded
/// (`Café` and `cafe` are one term), each with its place in the original text for snippets.
enum SearchTokenizer {
    /// One term and where it came from.
    struct Token {
        /// The folded term.
        let term: String
        /// The word's range in the text it was read from.
        let range: Range<String.Index>
    }

    /// Longest term kept, in characters; longer runs (base64, hashes) are not words anyone searches for.
    static let maximumTermLength = 64

    /// Every term of `text`, in order.
    static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isLetter || character.isNumber {
                if start == nil { start = index }
            } else if let wordStart = start {
                append(text[wordStart..<index], to: &tokens)
                start = nil
            }
            index = text.index(after: index)
        }
        if let wordStart = start { append(text[wordStart..<text.endIndex], to: &tokens) }
        return tokens
    }

    /// The distinct terms of `text`, in first-seen order.
    static func terms(_ text: String) -> [String] {
        var seen: Set<String> = []
        return tokens(text).compactMap { seen.insert($0.term).inserted ? $0.term : nil }
    }

    /// The folded form of one word. ASCII words skip Foundation's folding, which is the slow path.
    static func fold(_ word: Substring) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        return word.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    private static func append(_ word: Substring, to tokens: inout [Token]) {
        guard word.count <= maximumTermLength else { return }
        tokens.append(Token(term: fold(word), range: word.startIndex..<word.endIndex))
    }
}
