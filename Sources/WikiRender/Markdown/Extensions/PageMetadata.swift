/// The knowledge keys of a page's front matter, typed and checked: who owns the page, its tags, how
/// often it must be reviewed and when it last was, its severity and the services it concerns.
///
/// Nothing here throws: a value that does not fit is left out and described in `problems`, which the
/// page and the editor show as a warning (issue 10: invalid front matter is never a 500).
public struct PageMetadata: Hashable, Sendable {
    /// The front matter keys read here, as the issue names them.
    public enum Key {
        /// `owner: alice`
        public static let owner = "owner"
        /// `tags: [database, postgres]`
        public static let tags = "tags"
        /// `review-every: 90d`
        public static let reviewEvery = "review-every"
        /// `last-reviewed: 2026-06-02`
        public static let lastReviewed = "last-reviewed"
        /// `severity: SEV1`
        public static let severity = "severity"
        /// `services: [orders-db]`
        public static let services = "services"
    }

    /// Limits on the values kept, so a page cannot make lists and headers unbounded.
    public enum Limits {
        /// Longest owner, severity, tag or service, in characters.
        public static let maxText = 100
        /// Most tags or services kept.
        public static let maxItems = 50
    }

    /// Who answers for the page.
    public var owner: String?
    /// Tags in the order written, without duplicates.
    public var tags: [String] = []
    /// How often the page must be reviewed.
    public var reviewEvery: ReviewInterval?
    /// The day of the last review.
    public var lastReviewed: CalendarDay?
    /// How bad the incidents this page is for are (free text, e.g. `SEV1`).
    public var severity: String?
    /// The services the page concerns.
    public var services: [String] = []
    /// Why some front matter was not understood (parser warnings first), for people.
    public var problems: [String] = []
    /// Whether the page has a front matter block at all.
    public var hasFrontMatter = false

    /// Metadata with nothing set.
    public init() {}

    /// Reads and checks the knowledge keys of `frontMatter` (nil: a page without front matter). Other keys are ignored.
    public init(_ frontMatter: FrontMatter?) {
        guard let frontMatter else { return }
        hasFrontMatter = true
        problems = frontMatter.warnings
        owner = text(Key.owner, in: frontMatter)
        severity = text(Key.severity, in: frontMatter)
        tags = list(Key.tags, in: frontMatter, allowSlash: false)
        services = list(Key.services, in: frontMatter, allowSlash: true)
        if let interval = text(Key.reviewEvery, in: frontMatter) {
            reviewEvery = ReviewInterval(interval)
            if reviewEvery == nil {
                problems.append("review-every “\(interval)” is not an interval like 90d, 12w, 6m or 1y (at most ten years)")
            }
        }
        if let day = text(Key.lastReviewed, in: frontMatter) {
            lastReviewed = CalendarDay(day)
            if lastReviewed == nil { problems.append("last-reviewed “\(day)” is not a date written YYYY-MM-DD") }
        }
    }

    /// Reads `source`'s front matter (the page's bytes) into metadata.
    public init(source: [UInt8]) { self.init(FrontMatter.split(source).frontMatter) }

    /// A one-line text value; a list or an over-long text is a problem. Empty text counts as absent.
    private mutating func text(_ key: String, in frontMatter: FrontMatter) -> String? {
        switch frontMatter.value(for: key) {
        case nil: return nil
        case .list?:
            problems.append("\(key) should be one value, not a list")
            return nil
        case .text(let raw)?:
            let value = FrontMatterParser.trim(raw)
            if value.isEmpty { return nil }
            guard value.count <= Limits.maxText, !value.contains(where: \.isNewline) else {
                problems.append("\(key) is longer than \(Limits.maxText) characters or spans lines")
                return nil
            }
            return value
        }
    }

    /// A list value (a single text is a one-item list); bad items are problems, duplicates dropped.
    private mutating func list(_ key: String, in frontMatter: FrontMatter, allowSlash: Bool) -> [String] {
        var items: [String] = []
        for raw in frontMatter.list(for: key) ?? [] {
            let item = FrontMatterParser.trim(raw)
            guard !item.isEmpty else { continue }
            guard item.count <= Limits.maxText, !item.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true }),
                  allowSlash || !item.contains("/") else {
                problems.append("\(key): “\(item.prefix(Limits.maxText))” is not a valid item (\(allowSlash ? "" : "no “/”, ")at most \(Limits.maxText) characters)")
                continue
            }
            guard items.count < Limits.maxItems else {
                problems.append("\(key) has more than \(Limits.maxItems) items; the rest are ignored")
                break
            }
            if !items.contains(item) { items.append(item) }
        }
        return items
    }
}
