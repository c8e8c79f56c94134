import WikiRender
import WikiStore

/// `/history/{page}`, `/diff/{page}`, `/blame/{page}` and `/commit/{rev}`: reading a page's past.
extension WikiApp {
    func registerHistoryRoutes(into router: inout Router) {
        router.get("/history/{page...}") { [self] request, context in try history(request, context) }
        router.get("/diff/{page...}") { [self] request, context in try pageDiff(request, context) }
        router.get("/blame/{page...}") { [self] request, context in try blame(request, context) }
        router.get("/commit/{rev}") { [self] request, context in try commitPage(request, context) }
    }

    /// The revisions of a page, newest first, following renames, 50 a page, with a form to compare two.
    private func history(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let name = try PageName(try context.parameter("page"))
        let number = try Paging.pageNumber(request)
        let head = try wiki.head()
        let (entries, hasMore) = try Paging.page(number) { limit, after in
            try wiki.history(of: name, limit: limit, after: after)
        } id: { $0.commit.id.description }
        if entries.isEmpty && number == 1 { throw StoreError.pageNotFound(name) }
        let base = PagePresenter.href(name, route: "history")
        var values = readingValues(name, title: "History of \(PagePresenter.title(for: name))")
        values["entries"] = HistoryPresenter.entries(entries, current: name, isFirstPage: number == 1)
        values["canCompare"] = .bool(entries.count > 1)
        values["canRevert"] = .bool(context.user.map { $0.role >= .editor } ?? false)
        values["csrf"] = .string(context.csrfToken ?? "")
        values["pageNumber"] = .string(String(number))
        if number > 1 { values["newerHref"] = .string(number == 2 ? base : base + "?page=\(number - 1)") }
        if hasMore { values["olderHref"] = .string(base + "?page=\(number + 1)") }
        return try readingResponse("history", values, request, context,
                                   // The revert forms carry the session's CSRF token, so the tag varies with it.
                                   etag: ["history", name.description, head?.id.description ?? "", String(number),
                                          context.user?.name ?? "", context.csrfToken ?? ""])
    }

    /// A page's diff between two revisions (`from` omitted: the parent of `to`; `to` omitted: the tip).
    private func pageDiff(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let name = try PageName(try context.parameter("page"))
        let layout = try DiffPresenter.layout(request)
        let fromText = request.queryValue("from").flatMap { $0.isEmpty ? nil : $0 }
        let toText = request.queryValue("to").flatMap { $0.isEmpty ? nil : $0 }
        let from = try fromText.map { try wiki.resolve(revision: $0) }
        guard let to = try toText.map({ try wiki.resolve(revision: $0) }) ?? wiki.head() else {
            throw StoreError.pageNotFound(name)
        }
        let diff = try diffFollowingRenames(name, from: from, to: to)
        if diff.files.isEmpty, try !wiki.exists(name, at: to.id.description),
           try from.map({ try !wiki.exists(name, at: $0.id.description) }) ?? true {
            throw StoreError.pageNotFound(name)
        }
        var values = readingValues(name, title: "Changes to \(PagePresenter.title(for: name))")
        values["files"] = DiffPresenter.files(diff, layout: layout, revision: to)
        values["to"] = .dictionary(["id": .string(to.id.description), "shortID": .string(to.shortID)])
        if let from { values["from"] = .dictionary(["id": .string(from.id.description), "shortID": .string(from.shortID)]) }
        values["layouts"] = layoutLinks(PagePresenter.href(name, route: "diff"), current: layout,
                                        query: [("from", fromText), ("to", toText)])
        return try readingResponse("diff", values, request, context,
                                   etag: ["diff", name.description, from?.id.description ?? "parent", to.id.description, layout.rawValue])
    }

    /// The page's diff; when it is empty because the page had another name in that range (a compare from the
    /// history of a renamed page), the diff under each earlier name the page had.
    private func diffFollowingRenames(_ name: PageName, from: Revision?, to: Revision) throws -> Diff {
        let diff = try wiki.diff(of: name, from: from?.id.description, to: to.id.description)
        guard diff.files.isEmpty else { return diff }
        var tried: Set<String> = [name.fileName]
        for entry in try wiki.history(of: name, limit: Wiki.maximumLimit) {
            for path in [entry.path, entry.previousPath].compactMap({ $0 }) where tried.insert(path).inserted {
                guard let old = try? PageName(filePath: path) else { continue }
                let candidate = try wiki.diff(of: old, from: from?.id.description, to: to.id.description)
                if !candidate.files.isEmpty { return candidate }
            }
        }
        return diff
    }

    /// Each line of the page (at the tip or `?rev=`) grouped by the commit that last changed it.
    private func blame(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let name = try PageName(try context.parameter("page"))
        let revisionText = request.queryValue("rev").flatMap { $0.isEmpty ? nil : $0 }
        guard let revision = try revisionText.map({ try wiki.resolve(revision: $0) }) ?? wiki.head() else {
            throw StoreError.pageNotFound(name)
        }
        let lines = try wiki.blame(of: name, at: revision.id.description)
        var values = readingValues(name, title: "Blame of \(PagePresenter.title(for: name))")
        values["groups"] = HistoryPresenter.blameGroups(lines)
        values["lineCount"] = .string(String(lines.count))
        if revisionText != nil {
            values["oldRevision"] = .dictionary(["id": .string(revision.id.description), "shortID": .string(revision.shortID)])
        }
        return try readingResponse("blame", values, request, context, etag: ["blame", name.description, revision.id.description])
    }

    /// One commit: its message, author, committer, parents and every changed file's diff.
    private func commitPage(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let details = try wiki.commit(try context.parameter("rev"))
        let commit = details.commit
        let layout = try DiffPresenter.layout(request)
        let diff = try wiki.diff(commit: commit.id.description)
        var values = CommitPresenter.summary(commit)
        values["title"] = .string(commit.summary.isEmpty ? "Commit \(commit.revision.shortID)" : commit.summary)
        values["body"] = .list(CommitPresenter.bodyParagraphs(commit.message).map { .string($0) })
        values["hasBody"] = .bool(!CommitPresenter.bodyParagraphs(commit.message).isEmpty)
        values["hasParents"] = .bool(!commit.parents.isEmpty)
        // A merge commit has no single patch (formatPatch refuses it), so only the others link one.
        values["hasSingleParentOrRoot"] = .bool(commit.parents.count <= 1)
        values["committer"] = .string(commit.committer.name)
        values["committerDiffers"] = .bool(commit.committer.name != commit.author.name)
        values["parents"] = .list(commit.parents.map {
            .dictionary(["id": .string($0.description), "shortID": .string(Revision($0).shortID), "href": .string("/commit/\($0)")])
        })
        values["fileCount"] = .string(diff.files.count == 1 ? "1 file" : "\(diff.files.count) files")
        values["files"] = DiffPresenter.files(diff, layout: layout, revision: commit.revision)
        values["layouts"] = layoutLinks("/commit/" + commit.id.description, current: layout, query: [])
        return try readingResponse("commit", values, request, context, etag: ["commit", commit.id.description, layout.rawValue])
    }

    /// The title, page name, breadcrumbs and page links every page-scoped view shows.
    func readingValues(_ name: PageName, title: String) -> [String: TemplateValue] {
        [
            "title": .string(title),
            "pageName": .string(name.description),
            "breadcrumbs": PagePresenter.breadcrumbs(for: name),
            "links": .dictionary([
                "page": .string(PagePresenter.href(name)),
                "history": .string(PagePresenter.href(name, route: "history")),
                "blame": .string(PagePresenter.href(name, route: "blame")),
                "diff": .string(PagePresenter.href(name, route: "diff")),
                "revert": .string(PagePresenter.href(name, route: "revert")),
            ]),
        ]
    }

    /// The unified/split toggle: a link per layout keeping the other query values, the current one marked.
    private func layoutLinks(_ base: String, current: DiffRenderer.Layout, query: [(String, String?)]) -> TemplateValue {
        .list(DiffRenderer.Layout.allCases.map { layout in
            var pairs = query.compactMap { name, value in value.map { "\(name)=" + PercentEncoding.encodeQueryValue($0) } }
            if layout != .unified { pairs.append("view=\(layout.rawValue)") }
            return .dictionary([
                "name": .string(layout == .unified ? "Unified" : "Side by side"),
                "href": .string(pairs.isEmpty ? base : base + "?" + pairs.joined(separator: "&")),
                "current": .bool(layout == current),
            ])
        })
    }

    /// Renders a theme template as a 200 HTML response with an ETag from `etag`.
    func readingResponse(_ template: String, _ values: [String: TemplateValue], _ request: Request, _ context: RequestContext,
                         etag parts: [String]) throws -> Response {
        let html = try page(template, .dictionary(values), request: request, context: context)
        var response = Response.html(html.bytes)
        response.headers.set("ETag", etag(parts, context: context))
        return response
    }
}
