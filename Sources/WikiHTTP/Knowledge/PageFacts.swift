import Foundation
import WikiRender
import WikiStore

/// What the knowledge features know about one page at main's tip: its title, its checked front matter
/// and where it links. Derived from the page's bytes and path alone, so it is recomputed only when they change.
struct PageFacts: Sendable {
    /// A link of the page, resolved as far as it can be without knowing which pages exist; resolving
    /// it against a tree is then only dictionary lookups (the graph is recomputed on every new tip).
    struct Link: Hashable, Sendable {
        /// The link as its author wrote it (`[[Page]]` or the URL), for the broken-link report.
        let written: String
        /// The pages it leads to, in order of preference (a wiki link: as written, then spaces as dashes).
        let candidates: [PageName]
        /// The name shown as missing when no candidate exists.
        let missingName: String
        /// For a relative link, the attachment path it may name instead (such a link is not broken).
        let filePath: String?
    }

    /// The leading `# Title`, if any.
    let title: String?
    /// Owner, tags, review schedule and the rest, with their problems.
    let metadata: PageMetadata
    /// The page's links to pages of this wiki (links to other sites and routes are left out).
    let links: [Link]
    /// Whether the page is a part of others (`_Sidebar`, `_templates/…`) rather than a page of its own.
    let isSpecial: Bool

    /// Reads the facts of page `name` from its Markdown; `pageName` validates a link's page name (callers
    /// indexing many pages pass a memo, as most links of a wiki name the same few hundred pages).
    init(name: PageName, bytes: [UInt8], pageName: (String) -> PageName? = { try? PageName($0) }) {
        let split = PagePresenter.split(bytes)
        title = split.title
        metadata = PageMetadata(split.frontMatter)
        isSpecial = name.isSpecial
        var options = MarkdownOptions.wiki
        options.frontMatter = false
        links = Markdown.linkTargets(Array(split.body), options: options).compactMap { Self.link($0, from: name, pageName: pageName) }
    }

    /// Every page name a link of this page may lead to.
    var candidates: Set<PageName> { Set(links.flatMap(\.candidates)) }

    /// The title people see for `name`: the page's own heading, else its name made readable.
    func displayTitle(for name: PageName) -> String { title ?? PagePresenter.title(for: name) }

    /// `target` on page `source`, resolved the way the browser will follow it: wiki links as
    /// `PagePresenter.resolve` does, URLs relative to the page's own URL `/wiki/<source>`; nil when it leaves the wiki.
    static func link(_ target: LinkTarget, from source: PageName, pageName: (String) -> PageName?) -> Link? {
        switch target {
        case .wiki(let text):
            let trimmed = String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
            let dashed = String(trimmed.map { $0 == " " ? "-" : $0 })
            var candidates: [PageName] = []
            for candidate in [trimmed, dashed] {
                if let name = pageName(candidate), !candidates.contains(name) { candidates.append(name) }
            }
            return Link(written: "[[\(text)]]", candidates: candidates, missingName: dashed, filePath: nil)
        case .url(let url):
            guard let path = wikiPath(of: url, from: source), let name = pageName(path) else { return nil }
            return Link(written: url, candidates: [name], missingName: path, filePath: path)
        }
    }

    /// The page path under `/wiki/` that `url` (on page `source`) leads to; nil for another site, a scheme,
    /// a fragment of the same page, or a path outside `/wiki/`.
    static func wikiPath(of url: String, from source: PageName) -> String? {
        var text = url.trimmingCharacters(in: .whitespaces)
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<cut]) }
        guard !text.isEmpty, !text.hasPrefix("//") else { return nil }
        // RFC 3986 §3.1: a scheme is a letter then letters, digits, `+`, `-` or `.` before the first `:`.
        if let colon = text.firstIndex(of: ":"), let first = text.first, first.isASCII, first.isLetter,
           text[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) {
            return nil
        }
        let decoded = text.removingPercentEncoding ?? text
        guard !decoded.hasSuffix("/") else { return nil }
        let absolute = decoded.hasPrefix("/") ? decoded : "/wiki/" + (source.folder.isEmpty ? "" : source.folder + "/") + decoded
        // RFC 3986 §5.2.4: remove dot segments.
        var segments: [Substring] = []
        for segment in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." { _ = segments.popLast(); continue }
            segments.append(segment)
        }
        guard segments.count >= 2, segments[0] == "wiki" else { return nil }
        return segments.dropFirst().joined(separator: "/")
    }
}
