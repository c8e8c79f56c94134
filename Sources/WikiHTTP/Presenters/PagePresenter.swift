import WikiRender
import WikiStore

/// Turns a stored page into what the page template shows: its title, rendered body, table of
/// contents, breadcrumbs and links. WikiRender knows nothing of git; this is where the two meet.
struct PagePresenter {
    /// A page's leading `# Title` becomes the page title (and leaves the body), like GitHub wikis.
    struct Split {
        var title: String?
        var body: ArraySlice<UInt8>
        var frontMatter: FrontMatter?
    }

    /// The existing page paths of the tree a page was read from, for marking missing wiki links.
    let pagePaths: Set<String>

    /// Renders a page body with the wiki flavour, wiki links resolved against `pagePaths`.
    func render(_ bytes: [UInt8]) -> RenderCache.RenderedPage {
        let split = Self.split(bytes)
        var options = MarkdownOptions.wiki
        options.frontMatter = false
        var document = Markdown.render(Array(split.body), options: options, links: resolve)
        document.frontMatter = split.frontMatter
        return RenderCache.RenderedPage(title: split.title, document: document)
    }

    /// Resolves a `[[target]]`: the name as written, else GitHub-wiki style with spaces as `-`.
    func resolve(_ target: String) -> WikiLink? {
        let trimmed = target.trimmingCharacters(in: .whitespaces)
        let candidates = [trimmed, trimmed.replacingOccurrences(of: " ", with: "-")]
        for candidate in candidates {
            if let name = try? PageName(candidate), pagePaths.contains(name.description) {
                return WikiLink(href: Self.href(name), exists: true)
            }
        }
        return WikiLink(href: "/wiki/" + PercentEncoding.encodePath(candidates[1]), exists: false)
    }

    /// `/wiki/<encoded name>`.
    static func href(_ name: PageName, route: String = "wiki") -> String {
        "/\(route)/" + PercentEncoding.encodePath(name.description)
    }

    /// A readable title from a page name: its last segment with `-` as spaces.
    static func title(for name: PageName) -> String {
        name.lastSegment.replacingOccurrences(of: "-", with: " ")
    }

    /// The folders above a page, each linking to its place in the page index.
    static func breadcrumbs(for name: PageName) -> TemplateValue {
        let folders = name.description.split(separator: "/").dropLast()
        var path = ""
        return .list(folders.map { folder in
            path += path.isEmpty ? String(folder) : "/" + folder
            return .dictionary(["name": .string(String(folder)), "href": .string("/pages#" + PercentEncoding.encodePath(path))])
        })
    }

    /// The table of contents for the template.
    static func toc(_ entries: [TOCEntry]) -> TemplateValue {
        .list(entries.filter { $0.level <= 3 }.map {
            .dictionary(["level": .string(String($0.level)), "title": .string($0.title), "id": .string($0.id)])
        })
    }

    /// Separates front matter and a leading ATX level-1 heading from the body.
    static func split(_ bytes: [UInt8]) -> Split {
        let (frontMatter, body) = FrontMatter.split(bytes)
        var start = body.startIndex
        // Skip blank lines before the heading.
        while start < body.endIndex, body[start] == UInt8(ascii: "\n") || body[start] == UInt8(ascii: "\r") { start += 1 }
        guard body[start...].starts(with: [UInt8(ascii: "#"), UInt8(ascii: " ")]) else {
            return Split(title: nil, body: body, frontMatter: frontMatter)
        }
        let lineEnd = body[start...].firstIndex(of: UInt8(ascii: "\n")) ?? body.endIndex
        var text = String(decoding: body[(start + 2)..<lineEnd], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        // CommonMark §4.2: an optional closing sequence of #s preceded by a space is not content.
        if let closing = text.range(of: #"\s+#+$"#, options: .regularExpression) { text.removeSubrange(closing) }
        guard !text.isEmpty else { return Split(title: nil, body: body, frontMatter: frontMatter) }
        let rest = lineEnd < body.endIndex ? body[(lineEnd + 1)...] : body[body.endIndex...]
        return Split(title: text, body: rest, frontMatter: frontMatter)
    }
}
