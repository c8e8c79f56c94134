import WikiRender
import WikiStore

/// The page facts of one commit of main, plus what is derived from all of them together: who links where
/// and which pages carry each tag. A value: readers keep it as long as they like while the index moves on.
///
/// Moving to a new commit costs what changed, not the size of the wiki: only the changed files are read,
/// and only the links that can resolve differently are resolved again: those of the changed pages, and
/// those naming a page that appeared or disappeared (found through `mentions`).
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
    /// For each tag, the pages carrying it (special pages left out).
    private(set) var tags: [String: Set<PageName>] = [:]
    /// For each page, the pages linking to it; special pages (`_Sidebar`, `_templates/…`) are parts of other
    /// pages, not sources (the sidebar would otherwise be listed on every page it links to).
    private var linkedFrom: [PageName: Set<PageName>] = [:]
    /// For each source, the pages its links resolved to (so they can be taken back).
    private var resolved: [PageName: Set<PageName>] = [:]
    /// For each page name, existing or not, the pages with a link that may lead to it.
    private var mentions: [PageName: Set<PageName>] = [:]

    /// The pages that link to `page`, sorted.
    func backlinks(to page: PageName) -> [PageName] { (linkedFrom[page] ?? []).sorted() }

    /// The pages tagged `tag`, sorted.
    func pages(tagged tag: String) -> [PageName] { (tags[tag] ?? []).sorted() }

    /// Links to missing pages, by source page then as written (computed on each call: only the report needs it).
    func brokenLinks() -> [BrokenLink] {
        var broken: [BrokenLink] = []
        for (source, pageFacts) in facts {
            for link in pageFacts.links where !link.candidates.contains(where: { facts[$0] != nil }) {
                if let path = link.filePath, files.contains(path) { continue }
                broken.append(BrokenLink(source: source, written: link.written, target: link.missingName))
            }
        }
        return broken.sorted { ($0.source, $0.written) < ($1.source, $1.written) }
    }

    /// This snapshot moved to `new`: the files changed between the two commits are read again, everything else kept.
    func advanced(to new: ObjectID?, in wiki: Wiki) throws -> KnowledgeSnapshot {
        guard let new else { return KnowledgeSnapshot() }
        var next = self
        next.tip = new
        var validated: [String: PageName?] = [:]
        func pageName(_ text: String) -> PageName? {
            if let known = validated[text] { return known }
            let name = try? PageName(text)
            validated[text] = name
            return name
        }
        var changed: [PageName: PageFacts?] = [:]
        for change in try wiki.fileChanges(from: tip, to: new) {
            switch (try? PageName(filePath: change.path), change.blobID) {
            case (let name?, let blob?): changed[name] = PageFacts(name: name, bytes: try wiki.blob(blob), pageName: pageName)
            case (let name?, nil): changed[name] = .some(nil)
            case (nil, .some): next.files.insert(change.path)
            case (nil, nil): next.files.remove(change.path)
            }
        }
        next.apply(changed)
        return next
    }

    /// Replaces the facts of the `changed` pages (nil: removed) and re-resolves every link that may now lead elsewhere.
    private mutating func apply(_ changed: [PageName: PageFacts?]) {
        var appearedOrGone: [PageName] = []
        for (name, newFacts) in changed {
            if let old = facts[name] { forget(name, old) }
            if (facts[name] == nil) != (newFacts == nil) { appearedOrGone.append(name) }
            facts[name] = newFacts
            guard let newFacts else { continue }
            for target in newFacts.candidates { mentions[target, default: []].insert(name) }
            // Special pages (templates above all, whose front matter holds placeholders) carry no tags.
            if !newFacts.isSpecial { for tag in newFacts.metadata.tags { tags[tag, default: []].insert(name) } }
        }
        var sources = Set(changed.keys)
        for name in appearedOrGone { sources.formUnion(mentions[name] ?? []) }
        for source in sources {
            for target in resolved.removeValue(forKey: source) ?? [] { linkedFrom[target]?.remove(source) }
            guard let pageFacts = facts[source], !pageFacts.isSpecial else { continue }
            var targets: Set<PageName> = []
            for link in pageFacts.links {
                if let target = link.candidates.first(where: { facts[$0] != nil }), target != source { targets.insert(target) }
            }
            for target in targets { linkedFrom[target, default: []].insert(source) }
            if !targets.isEmpty { resolved[source] = targets }
        }
    }

    /// Takes back what page `name` with facts `old` contributed to the mentions and tags.
    private mutating func forget(_ name: PageName, _ old: PageFacts) {
        for target in old.candidates {
            mentions[target]?.remove(name)
            if mentions[target]?.isEmpty == true { mentions[target] = nil }
        }
        for tag in old.metadata.tags where !old.isSpecial {
            tags[tag]?.remove(name)
            if tags[tag]?.isEmpty == true { tags[tag] = nil }
        }
    }
}
