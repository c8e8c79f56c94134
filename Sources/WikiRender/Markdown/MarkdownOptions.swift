/// One of cmark-gfm's GitHub Flavored Markdown extensions (names as cmark-gfm spells them).
public enum GFMExtension: String, CaseIterable, Hashable, Sendable {
    case table, strikethrough, autolink, tagfilter, tasklist
}

/// What a rendering enables: GFM extensions, raw HTML policy and the wiki extensions.
public struct MarkdownOptions: Hashable, Sendable {
    /// The GFM extensions that are on.
    public var extensions: Set<GFMExtension>
    /// Pass raw HTML through unchanged (the spec examples expect it); `false` runs it through `Sanitizer`
    /// and drops unsafe link and image URLs.
    public var unsafeHTML: Bool
    /// `[[Page]]`, `[[Page|label]]`, `[[Page#Section]]` links.
    public var wikiLinks: Bool
    /// `id` attributes on headings (GitHub's slug rules, deduplicated) and the table of contents.
    public var headingIDs: Bool
    /// A leading `---` block is parsed into `RenderedDocument.frontMatter` and not rendered.
    public var frontMatter: Bool

    /// Fenced code blocks in a language `CodeLanguage` knows are highlighted (`Highlighter`); off in the
    /// CommonMark core, so the conformance suites see cmark's exact output.
    public var highlightCode: Bool

    /// Creates options; the defaults are the bare CommonMark core, safe.
    public init(extensions: Set<GFMExtension> = [], unsafeHTML: Bool = false, wikiLinks: Bool = false,
                headingIDs: Bool = false, frontMatter: Bool = false, highlightCode: Bool = false) {
        self.extensions = extensions
        self.unsafeHTML = unsafeHTML
        self.wikiLinks = wikiLinks
        self.headingIDs = headingIDs
        self.frontMatter = frontMatter
        self.highlightCode = highlightCode
    }

    /// The wiki flavour: every GFM extension, wiki links, heading ids, front matter, sanitized HTML,
    /// highlighted code.
    public static let wiki = MarkdownOptions(extensions: Set(GFMExtension.allCases), wikiLinks: true,
                                             headingIDs: true, frontMatter: true, highlightCode: true)
    /// The bare CommonMark core, safe.
    public static let pure = MarkdownOptions()
}

/// A resolved `[[Wiki Link]]`: where it points and whether the page exists (missing pages are marked).
public struct WikiLink: Hashable, Sendable {
    /// The URL to link to, e.g. `/wiki/Page-Name#section`.
    public var href: String
    /// `false` renders the link with `class="wiki-link missing"`.
    public var exists: Bool
    /// Creates a resolved link.
    public init(href: String, exists: Bool) { self.href = href; self.exists = exists }
}

/// One heading of the table of contents.
public struct TOCEntry: Hashable, Sendable {
    /// 1–6.
    public var level: Int
    /// The heading's plain text.
    public var title: String
    /// The heading's `id` (its anchor).
    public var id: String
    /// Creates an entry.
    public init(level: Int, title: String, id: String) { self.level = level; self.title = title; self.id = id }
}

/// The result of rendering one document.
public struct RenderedDocument: Sendable {
    /// The HTML body.
    public var html: SafeHTML
    /// Headings in document order (empty unless `headingIDs`).
    public var tableOfContents: [TOCEntry]
    /// The parsed front matter, when `frontMatter` is on and the document starts with a `---` block.
    public var frontMatter: FrontMatter?
    /// Creates a result.
    public init(html: SafeHTML, tableOfContents: [TOCEntry], frontMatter: FrontMatter?) {
        self.html = html; self.tableOfContents = tableOfContents; self.frontMatter = frontMatter
    }
}
