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
            case (let name?, let blob?): next.facts[name] = PageFacts(name: name, bytes: try wiki.blob(blob))
            case (let name?, nil): next.facts[name] = nil
            case (nil, .some): next.files.insert(change.path)
            case (nil, nil): next.files.remove(change.path)
            }
        }
        next.derive()
        return next
    }

    /// Recomputes the graph and the tag lists from the facts (no page is read again; only lookups).
    private mutating func derive() {
        var backlinks: [PageName: Set<PageName>] = [:]
        var broken: [BrokenLink] = []
        var tags: [String: [PageName]] = [:]
        for (source, pageFacts) in facts {
            for link in pageFacts.links {
                if let target = link.candidates.first(where: { facts[$0] != nil }) {
                    if target != source && !pageFacts.isSpecial { backlinks[target, default: []].insert(source) }
                } else if link.filePath.map({ !files.contains($0) }) ?? true {
                    broken.append(BrokenLink(source: source, written: link.written, target: link.missingName))
                }
            }
            for tag in pageFacts.metadata.tags { tags[tag, default: []].append(source) }
        }
        self.backlinks = backlinks.mapValues { $0.sorted() }
        self.brokenLinks = broken.sorted { ($0.source, $0.written) < ($1.source, $1.written) }
        self.tags = tags.mapValues { $0.sorted() }
    }
}
