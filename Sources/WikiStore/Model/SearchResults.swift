/// The answer to a full-text query over the current pages: the best hits, best first.
public struct SearchResults: Hashable, Sendable {
    /// One page that matched.
    public struct Hit: Hashable, Sendable {
        /// The page.
        public let name: PageName
        /// Its title: the leading `# heading`, else the name's last segment with `-` as spaces.
        public let title: String
        /// The relevance (BM25 with a title boost); only the order is meaningful.
        public let score: Double
        /// A short passage around the matches, split into plain text and matched words.
        public let snippet: [Fragment]
    }

    /// A piece of a snippet: plain text, or a word that matched the query. Never HTML.
    public struct Fragment: Hashable, Sendable {
        /// The text, exactly as in the page (whitespace collapsed).
        public let text: String
        /// True for a matched word.
        public let isMatch: Bool
    }

    /// The folded terms the query was split into.
    public let terms: [String]
    /// The hits shown, best first.
    public let hits: [Hit]
    /// How many pages matched in all (may exceed `hits.count`).
    public let total: Int
    /// The revision of main the index reflected.
    public let revision: Revision?
}
