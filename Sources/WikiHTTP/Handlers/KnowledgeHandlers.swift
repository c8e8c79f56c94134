import Foundation
import WikiRender
import WikiStore

/// Knowledge that stays true (issue 10): `/review` (HTML, JSON) and `/review.atom`, `/tags` and `/tags/{tag}`,
/// `/links/broken`, and `POST /reviewed/{page}` (mark as reviewed). All read the knowledge index at main's tip.
extension WikiApp {
    /// Adds the dashboard, tag, link-report and mark-as-reviewed routes.
    func registerKnowledgeRoutes(into router: inout Router) {
        router.get("/review") { [self] request, context in try reviewDashboard(request, context) }
        router.get("/review.atom") { [self] request, context in try reviewFeed(request, context) }
        router.get("/tags") { [self] request, context in try tagIndex(request, context) }
        router.get("/tags/{tag}") { [self] request, context in try tagPage(request, context) }
        router.get("/links/broken") { [self] request, context in try brokenLinks(request, context) }
        router.post("/reviewed/{page...}") { [self] request, context in try markReviewed(request, context) }
    }

    private func reviewDashboard(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let owner = Self.filter(request.queryValue("owner")), tag = Self.filter(request.queryValue("tag"))
        let snapshot = try knowledge.snapshot(of: wiki)
        let today = now()
        let queue = ReviewQueue(snapshot, now: today, owner: owner, tag: tag)
        if request.prefersJSON {
            var response = Response.json(try KnowledgePresenter.json(queue, now: today, owner: owner, tag: tag))
            response.headers.set("Cache-Control", "no-cache")
            return response
        }
        let overdue = queue.items.filter(\.status.isOverdue).count
        let owners = Set(snapshot.facts.values.filter { !$0.isSpecial }.compactMap(\.metadata.owner)).sorted()
        let values: TemplateValue = .dictionary([
            "title": .string("Review"),
            "owner": .string(owner ?? ""),
            "tag": .string(tag ?? ""),
            "filtered": .bool(owner != nil || tag != nil),
            "owners": .list(owners.map { .dictionary(["name": .string($0), "selected": .bool($0 == owner)]) }),
            "summary": .string("\(overdue) overdue · \(queue.items.filter { $0.metadata.owner == nil }.count) without an owner · today is \(CalendarDay(utc: today)) (UTC)"),
            "items": .list(queue.items.map { KnowledgePresenter.row($0.page, title: $0.title, metadata: $0.metadata, now: today) }),
            "hasItems": .bool(!queue.items.isEmpty),
        ])
        return .html(try page("review", values, request: request, context: context).bytes)
    }

    private func reviewFeed(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let queue = ReviewQueue(try knowledge.snapshot(of: wiki), now: now(),
                                owner: Self.filter(request.queryValue("owner")), tag: Self.filter(request.queryValue("tag")))
        let feed = ReviewFeedPresenter.atom(queue, origin: try FeedPresenter.origin(request), title: settings.title) { page in
            try? wiki.lastChange(of: page)?.committer.date
        }
        return .bytes(feed, contentType: "application/atom+xml; charset=utf-8")
    }

    private func tagIndex(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let tags = try knowledge.snapshot(of: wiki).tags
        let names = tags.keys.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        let values: TemplateValue = .dictionary([
            "title": .string("Tags"),
            "hasTags": .bool(!names.isEmpty),
            "tags": .list(names.map { name in
                .dictionary(["name": .string(name), "href": .string(KnowledgePresenter.tagHref(name)),
                             "count": .string(String(tags[name]?.count ?? 0))])
            }),
        ])
        return .html(try page("tags", values, request: request, context: context).bytes)
    }

    private func tagPage(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let tag = try context.parameter("tag")
        let snapshot = try knowledge.snapshot(of: wiki)
        let pages = snapshot.pages(tagged: tag)
        guard !pages.isEmpty else {
            throw HTTPError(.notFound, "No page is tagged “\(tag)”.")
        }
        let today = now()
        let values: TemplateValue = .dictionary([
            "title": .string("Tag: " + tag),
            "tag": .string(tag),
            "count": .string("\(pages.count) page\(pages.count == 1 ? "" : "s")"),
            "items": .list(pages.compactMap { name in
                snapshot.facts[name].map { KnowledgePresenter.row(name, title: $0.displayTitle(for: name), metadata: $0.metadata, now: today) }
            }),
        ])
        return .html(try page("tag", values, request: request, context: context).bytes)
    }

    private func brokenLinks(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let broken = try knowledge.snapshot(of: wiki).brokenLinks()
        let values: TemplateValue = .dictionary([
            "title": .string("Broken links"),
            "hasLinks": .bool(!broken.isEmpty),
            "count": .string("\(broken.count) link\(broken.count == 1 ? "" : "s") to pages that do not exist"),
            "links": .list(broken.map { link in
                .dictionary([
                    "source": .string(link.source.description), "sourceHref": .string(PagePresenter.href(link.source)),
                    "written": .string(link.written), "target": .string(link.target),
                    "createHref": .string("/edit/" + PercentEncoding.encodePath(link.target)),
                ])
            }),
        ])
        return .html(try page("broken-links", values, request: request, context: context).bytes)
    }

    /// One commit setting `last-reviewed` to today's UTC date; every other byte of the page is kept.
    private func markReviewed(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.editor, context)
        let form = try verifiedForm(request, context)
        let name = try PageName(try context.parameter("page"))
        let page = try wiki.page(name)
        let today = CalendarDay(utc: now()).description
        guard let text = FrontMatter.setting(PageMetadata.Key.lastReviewed, to: today, in: page.bytes) else {
            throw HTTPError(.conflict, "`last-reviewed` of \(name) is a list; fix it in the editor first.")
        }
        // The base is the revision the reviewer saw (from the form), so a change made meanwhile is merged, not lost.
        let base = try baseRevision(form["base"]) ?? page.revision
        let edit = PageEdit(name: name, content: text, message: "Mark \(name) as reviewed", base: base, author: try author(context))
        switch try wiki.save(edit) {
        case .committed, .merged, .unchanged:
            return .redirect(to: PagePresenter.href(name))
        case .conflict:
            throw HTTPError(.conflict, "\(name) changed meanwhile in a way that overlaps its front matter; reload it and mark it again.")
        }
    }

    /// What the page view adds: the metadata header, front matter problems, the mark-as-reviewed form and,
    /// for the current revision, the pages that link here.
    func knowledgeValues(for name: PageName, frontMatter: FrontMatter?, page: Page, current: Bool,
                         context: RequestContext) throws -> [String: TemplateValue] {
        // A template's front matter is placeholders (`last-reviewed: {{date}}`): it is checked in the pages made from it.
        if name.description.hasPrefix(PageTemplate.folder + "/") { return [:] }
        let metadata = PageMetadata(frontMatter)
        var values = KnowledgePresenter.problems(metadata)
        if let header = KnowledgePresenter.header(metadata, now: now()) { values["meta"] = header }
        guard current else { return values }
        if canEdit(context), metadata.reviewEvery != nil || metadata.lastReviewed != nil {
            values["markReviewed"] = .dictionary(["href": .string(PagePresenter.href(name, route: "reviewed")),
                                                  "base": .string(page.revision.id.description)])
        }
        guard let snapshot = try knowledge.snapshotIfBuilt(of: wiki) else {
            values["showBacklinks"] = .bool(true)
            values["backlinksPending"] = .bool(true)
            return values
        }
        let sources = snapshot.backlinks(to: name)
        values["hasBacklinks"] = .bool(!sources.isEmpty)
        values["backlinks"] = .list(sources.map { source in
            .dictionary(["href": .string(PagePresenter.href(source)), "name": .string(source.description),
                         "title": .string(snapshot.facts[source]?.displayTitle(for: source) ?? PagePresenter.title(for: source))])
        })
        values["showBacklinks"] = .bool(true)
        return values
    }

    /// A query filter: trimmed, nil when empty, at most 200 characters.
    private static func filter(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return String(value.prefix(200))
    }
}

extension WikiApp {
    /// Brings the knowledge index (metadata, tags, links) up to main's tip now, so the first page view after
    /// start does not pay for reading every page; a daemon calls it once in the background, like `prepareSearch`.
    public func prepareKnowledge() throws {
        _ = try knowledge.snapshot(of: wiki)
    }

    /// Call before `prepareKnowledge` runs on a background thread: until it finishes, page views show
    /// "What links here" as pending (uncached) instead of waiting for the first full build.
    public func knowledgeWillBuildInBackground() {
        knowledge.willBuildInBackground()
    }
}
