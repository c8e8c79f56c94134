import WikiRender
import WikiStore

/// What the knowledge features know about one page at main's tip: its title, its checked front matter
/// and where it links. Derived from the page's bytes alone, so it is recomputed only when the blob changes.
struct PageFacts: Sendable {
    /// The leading `# Title`, if any.
    let title: String?
    /// Owner, tags, review schedule and the rest, with their problems.
    let metadata: PageMetadata
    /// Every link the page makes, as written.
    let links: [LinkTarget]

    /// Reads the facts of a page's Markdown.
    init(bytes: [UInt8]) {
        let split = PagePresenter.split(bytes)
        title = split.title
        metadata = PageMetadata(split.frontMatter)
        var options = MarkdownOptions.wiki
        options.frontMatter = false
        links = Markdown.linkTargets(Array(split.body), options: options)
    }

    /// The title people see for `name`: the page's own heading, else its name made readable.
    func displayTitle(for name: PageName) -> String { title ?? PagePresenter.title(for: name) }
}
