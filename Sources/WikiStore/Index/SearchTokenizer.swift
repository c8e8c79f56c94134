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

    /// Longest term kept, in Unicode scalars; longer runs (base64, hashes) are not words anyone searches for.
    static let maximumTermLength = 64

    /// Every term of `text`, in order.
    static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        forEachToken(in: text) { tokens.append($0); return true }
        return tokens
    }

    /// Calls `body` with each term of `text` in order, until it returns false. Walks Unicode scalars, not
    /// `Character`s: grapheme breaking is the slow part of string iteration, and a combining mark simply
    /// stays inside its word.
    static func forEachToken(in text: String, _ body: (Token) -> Bool) {
        let scalars = text.unicodeScalars
        var start: String.Index?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if isWordScalar(scalars[index]) {
                if start == nil { start = index }
            } else if let wordStart = start {
                start = nil
                if let token = token(text[wordStart..<index]), !body(token) { return }
            }
            index = scalars.index(after: index)
        }
        if let wordStart = start, let token = token(text[wordStart..<text.endIndex]) { _ = body(token) }
    }

    /// Letters, digits and combining marks make words; everything else separates them.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
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

    /// The token of one word; nil for a word longer than `maximumTermLength`.
    private static func token(_ word: Substring) -> Token? {
        guard word.unicodeScalars.count <= maximumTermLength else { return nil }
        return Token(term: fold(word), range: word.startIndex..<word.endIndex)
    }
}
