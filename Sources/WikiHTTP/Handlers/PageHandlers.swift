import Foundation
import WikiRender
import WikiStore

/// `/wiki/{page}` (rendered, `?rev=` for an old revision) and `/raw/{page}` (the stored bytes).
extension WikiApp {
    func registerPageRoutes(into router: inout Router) {
        router.get("/wiki/{page...}") { [self] request, context in try viewPage(request, context) }
        router.get("/raw/{page...}") { [self] request, context in try rawPage(request, context) }
    }

    private func viewPage(_ request: Request, _ context: RequestContext) throws -> Response {
        let name = try PageName(try context.parameter("page"))
        let revision = request.queryValue("rev")
        let page: Page
        do {
            page = try wiki.page(name, at: revision)
        } catch StoreError.pageNotFound where revision == nil {
            let error = HTTPError(.notFound, "There is no page \(name) yet.")
            return errorPage(error, request: request, context: context,
                             createHref: PagePresenter.href(name, route: "edit"))
        }
        // Listing the tree (for marking missing wiki links) is only needed when something is rendered.
        var listed: PagePresenter?
        func presenter() throws -> PagePresenter {
            if let listed { return listed }
            let made = try PagePresenter(pagePaths: pagePaths(at: page.revision))
            listed = made
            return made
        }
        let rendered = try renderCache.document(for: .init(blobID: page.blobID, revision: page.revision.id)) {
            try presenter().render(page.bytes)
        }
        var values: [String: TemplateValue] = [
            "title": .string(rendered.title ?? PagePresenter.title(for: name)),
            "content": .safeHTML(rendered.document.html),
            "breadcrumbs": PagePresenter.breadcrumbs(for: name),
            "toc": PagePresenter.toc(rendered.document.tableOfContents),
            "hasTOC": .bool(rendered.document.tableOfContents.count > 1),
            "links": .dictionary([
                "edit": .string(PagePresenter.href(name, route: "edit")),
                "history": .string(PagePresenter.href(name, route: "history")),
                "blame": .string(PagePresenter.href(name, route: "blame")),
                "raw": .string(PagePresenter.href(name, route: "raw") + (revision.map { "?rev=" + $0 } ?? "")),
                "current": .string(PagePresenter.href(name)),
            ]),
        ]
        if revision != nil {
            values["oldRevision"] = .dictionary(["id": .string(page.revision.id.description),
                                                 "shortID": .string(page.revision.shortID)])
        }
        // An old revision shows the commit asked for; the current page shows its latest change.
        let lastChange = revision == nil ? try wiki.lastChange(of: name)
                                         : try wiki.commit(page.revision.id.description).commit
        if let lastChange { values["lastChange"] = Self.changeValues(lastChange) }
        let at = revision == nil ? nil : page.revision.id.description
        let sidebar = wiki.nearest("_Sidebar", for: name, at: at).flatMap { $0.name == name ? nil : $0 }
        if let sidebar {
            values["sidebarHTML"] = .safeHTML(try renderCache.document(for: .init(blobID: sidebar.blobID, revision: page.revision.id)) {
                try presenter().render(sidebar.bytes)
            }.document.html)
        }
        if let footer = wiki.nearest("_Footer", for: name, at: at), footer.name != name {
            values["footer"] = .safeHTML(try renderCache.document(for: .init(blobID: footer.blobID, revision: page.revision.id)) {
                try presenter().render(footer.bytes)
            }.document.html)
        }
        values["sidebar"] = .bool(sidebar != nil || rendered.document.tableOfContents.count > 1)
        values.merge(try knowledgeValues(for: name, frontMatter: rendered.document.frontMatter, page: page,
                                         current: revision == nil, context: context)) { $1 }
        let html = try self.page("page", .dictionary(values), request: request, context: context)
        var response = Response.html(html.bytes)
        // Without its backlinks (the link index is still being built at start) the page is sent as it is
        // but neither kept by the response cache nor revalidated later against a complete page's ETag.
        if values["backlinksPending"] != nil {
            response.headers.set("Cache-Control", "no-store")
            return response
        }
        // The review line counts days from today (UTC) and backlinks follow main's tip (the revision read).
        response.headers.set("ETag", etag(["page", page.blobID.description, page.revision.id.description,
                                           CalendarDay(utc: now()).description], context: context))
        return response
    }

    private func rawPage(_ request: Request, _ context: RequestContext) throws -> Response {
        let name = try PageName(try context.parameter("page"))
        let page = try wiki.page(name, at: request.queryValue("rev"))
        var response = Response.bytes(page.bytes, contentType: "text/markdown; charset=utf-8")
        response.headers.set("ETag", "\"\(page.blobID)\"")
        return response
    }

    /// The paths of every page in the tree of `revision`, for wiki-link resolution.
    func pagePaths(at revision: Revision) throws -> Set<String> {
        Set(try wiki.pages(at: revision.id.description).compactMap { $0.pageName?.description })
    }

    /// Author, dates and commit of a change, for the "last changed" line and lists.
    static func changeValues(_ commit: Commit) -> TemplateValue {
        .dictionary([
            "author": .string(commit.author.name),
            "iso": .string(DateText.iso(commit.author.date)),
            "relative": .string(DateText.relative(commit.author.date)),
            "id": .string(commit.id.description),
            "shortID": .string(commit.revision.shortID),
            "summary": .string(commit.summary),
        ])
    }

    /// A strong ETag from the parts that determine a page, plus whatever varies per visitor.
    func etag(_ parts: [String], context: RequestContext) -> String {
        "\"" + Self.fingerprint(Array(parts.joined(separator: "|").utf8)) + "\""
    }
}
