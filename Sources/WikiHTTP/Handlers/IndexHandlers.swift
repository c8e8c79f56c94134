import WikiRender
import WikiStore

/// `/pages` (every page and attachment as a tree), `/changes` (recent commits) and `/changes.atom`.
extension WikiApp {
    func registerIndexRoutes(into router: inout Router) {
        router.get("/pages") { [self] request, context in try pageIndex(request, context) }
        router.get("/changes") { [self] request, context in try recentChanges(request, context) }
        router.get("/changes.atom") { [self] request, context in try changesFeed(request, context) }
    }

    /// Every page and attachment at the tip as nested folder lists; a folder's `id` is its path, the target
    /// of a page's breadcrumbs (`/pages#runbooks`).
    private func pageIndex(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let head = try wiki.head()
        let entries = try wiki.pages(at: head?.id.description)
        let tree = PageTreePresenter.items(entries)
        let pageCount = entries.count { $0.kind == .page }
        let fileCount = entries.count { $0.kind == .attachment }
        let values: [String: TemplateValue] = [
            "title": "All pages",
            "items": tree.items,
            "trailingCloses": tree.trailingCloses,
            "counts": .string("\(pageCount) \(pageCount == 1 ? "page" : "pages"), \(fileCount) \(fileCount == 1 ? "attachment" : "attachments")"),
            "isEmpty": .bool(entries.isEmpty),
        ]
        return try readingResponse("pages", values, request, context, etag: ["pages", head?.id.description ?? ""])
    }

    /// Recent commits across the wiki, newest first, 50 a page (`?page=N`, or `?after={commit}` to continue).
    private func recentChanges(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let head = try wiki.head()
        let after = request.queryValue("after").flatMap { $0.isEmpty ? nil : $0 }
        let number = after == nil ? try Paging.pageNumber(request) : 1
        let changes: [CommitDetails]
        let hasMore: Bool
        if let after {
            let cursor = try wiki.resolve(revision: after)
            let batch = try wiki.recentChanges(limit: Paging.perPage + 1, after: cursor.id.description)
            (changes, hasMore) = (Array(batch.prefix(Paging.perPage)), batch.count > Paging.perPage)
        } else {
            (changes, hasMore) = try Paging.page(number) { limit, after in
                try wiki.recentChanges(limit: limit, after: after)
            } id: { $0.commit.id.description }
        }
        var values: [String: TemplateValue] = [
            "title": "Recent changes",
            "hasChanges": .bool(!changes.isEmpty),
            "changes": .list(changes.map { change in
                var values = CommitPresenter.summary(change.commit)
                values["files"] = CommitPresenter.changedFiles(change.files)
                values["hasFiles"] = .bool(!change.files.isEmpty)
                return .dictionary(values)
            }),
        ]
        if after != nil || number > 1 { values["newestHref"] = "/changes" }
        if number > 2 { values["newerHref"] = .string("/changes?page=\(number - 1)") }
        if hasMore, let last = changes.last {
            values["olderHref"] = .string(after == nil ? "/changes?page=\(number + 1)" : "/changes?after=\(last.commit.id)")
        }
        return try readingResponse("changes", values, request, context,
                                   etag: ["changes", head?.id.description ?? "", after ?? "", String(number)])
    }

    /// The latest 50 commits as Atom 1.0, with absolute links built from the validated `Host` header.
    private func changesFeed(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let origin = try FeedPresenter.origin(request)
        let head = try wiki.head()
        let changes = head == nil ? [] : try wiki.recentChanges(limit: Paging.perPage)
        var response = Response.bytes(FeedPresenter.atom(changes, origin: origin, title: settings.title),
                                      contentType: "application/atom+xml; charset=utf-8")
        response.headers.set("ETag", etag(["atom", head?.id.description ?? "", origin], context: context))
        return response
    }
}
