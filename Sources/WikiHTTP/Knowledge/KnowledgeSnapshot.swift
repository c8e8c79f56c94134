import Foundation
import WikiRender
import WikiStore

/// The page facts of one commit of main, plus what is derived from all of them together: who links
/// where (backlinks and broken links) and which pages carry each tag. A value: readers keep it as long
/// as they like while the index moves on.
struct KnowledgeSnapshot: Sendable {
    /// A link from a page to a page that does not exist.
    struct BrokenLink: Hashable, Sendable {
        /// The page the link is on.
        let source: PageName
        /// The link as written (`[[Page]]` target or URL).
        let written: String
        /// The page name it points to.
        let target: String
    }

    /// The commit described (nil: main is unborn).
    private(set) var tip: ObjectID?
    /// Every page's facts.
    private(set) var facts: [PageName: PageFacts] = [:]
    /// Paths of files that are not pages (attachments), so links to them are not reported broken.
    private(set) var files: Set<String> = []
    /// For each page, the pages that link to it, sorted; special pages (`_Sidebar`, `_templates/…`) are parts
    /// of other pages, not sources (the sidebar would otherwise be listed on every page it links to).
    private(set) var backlinks: [PageName: [PageName]] = [:]
    /// Links to missing pages, by source page then as written.
    private(set) var brokenLinks: [BrokenLink] = []
    /// For each tag, the pages carrying it, sorted.
    private(set) var tags: [String: [PageName]] = [:]

    /// This snapshot moved to `new`: the files changed between the two commits are read again, everything else kept.
    func advanced(to new: ObjectID?, in wiki: Wiki) throws -> KnowledgeSnapshot {
        guard let new else { return KnowledgeSnapshot() }
        var next = self
        next.tip = new
        for change in try wiki.fileChanges(from: tip, to: new) {
            let name = try? PageName(filePath: change.path)
            switch (name, change.blobID) {
            case (let name?, let blob?): next.facts[name] = PageFacts(bytes: try wiki.blob(blob))
            case (let name?, nil): next.facts[name] = nil
            case (nil, .some): next.files.insert(change.path)
            case (nil, nil): next.files.remove(change.path)
            }
        }
        next.derive()
        return next
    }

    /// Recomputes the graph and the tag lists from the facts (no page is read again).
    private mutating func derive() {
        var backlinks: [PageName: Set<PageName>] = [:]
        var broken: [BrokenLink] = []
        var tags: [String: [PageName]] = [:]
        for (source, pageFacts) in facts {
            for link in pageFacts.links {
                switch resolve(link, from: source) {
                case .page(let target) where target != source && !source.isSpecial:
                    backlinks[target, default: []].insert(source)
                case .missing(let target): broken.append(BrokenLink(source: source, written: Self.written(link), target: target))
                case .page, .elsewhere: break
                }
            }
            for tag in pageFacts.metadata.tags { tags[tag, default: []].append(source) }
        }
        self.backlinks = backlinks.mapValues { $0.sorted() }
        self.brokenLinks = broken.sorted { ($0.source, $0.written) < ($1.source, $1.written) }
        self.tags = tags.mapValues { $0.sorted() }
    }

    /// Where a link leads.
    enum Resolution: Equatable {
        case page(PageName)
        case missing(String)
        case elsewhere
    }

    /// Resolves `link` on page `source` the way the browser will follow it: wiki links as `PagePresenter.resolve`
    /// does (the name, else spaces as `-`), URLs relative to the page's own URL `/wiki/<source>`.
    func resolve(_ link: LinkTarget, from source: PageName) -> Resolution {
        switch link {
        case .wiki(let target):
            let trimmed = target.trimmingCharacters(in: .whitespaces)
            let candidates = [trimmed, trimmed.replacingOccurrences(of: " ", with: "-")]
            for candidate in candidates {
                if let name = try? PageName(candidate), facts[name] != nil { return .page(name) }
            }
            return .missing(candidates[1])
        case .url(let url):
            guard let path = Self.wikiPath(of: url, from: source) else { return .elsewhere }
            if let name = try? PageName(path), facts[name] != nil { return .page(name) }
            if files.contains(path) || (try? PageName(path)) == nil { return .elsewhere }
            return .missing(path)
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

    /// A link as its author wrote it, for the report.
    static func written(_ link: LinkTarget) -> String {
        switch link {
        case .wiki(let target): "[[\(target)]]"
        case .url(let url): url
        }
    }
}
