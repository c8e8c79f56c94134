import Foundation
import WikiRender
import WikiStore

/// Writing pages from the browser: `/edit/{page}` (form and save, 409 on an overlapping edit), `/preview`
/// and `/new`. Rename, delete and revert are in `PageMoveHandlers.swift`, uploads in `UploadHandlers.swift`.
/// Every write calls `require(.editor)` then `verifyCSRF` before it touches the wiki (spec: Writing); the form,
/// preview and new-page routes also serve contributors, who propose their edit instead (`/propose/{page}`).
extension WikiApp {
    /// The largest page text accepted from the edit form, in bytes: 413 beyond it.
    static let maximumPageBytes = 2 * 1024 * 1024

    /// Adds every writing route: edit, preview, new, and through the two helpers rename/delete/revert and uploads.
    func registerEditRoutes(into router: inout Router) {
        router.get("/edit/{page...}") { [self] request, context in try editForm(request, context) }
        router.post("/edit/{page...}") { [self] request, context in try saveEdit(request, context) }
        router.post("/preview") { [self] request, context in try preview(request, context) }
        router.get("/new") { [self] request, context in try newPage(request, context) }
        registerPageMoveRoutes(into: &router)
        registerUploadRoutes(into: &router)
    }

    private func editForm(_ request: Request, _ context: RequestContext) throws -> Response {
        // Contributors get the form too: their only button is "Propose this change" (ProposalHandlers).
        try require(.contributor, context)
        let name = try PageName(try context.parameter("page"))
        let page: Page?
        do { page = try wiki.page(name) } catch StoreError.pageNotFound { page = nil }
        // The base is the commit the text was read at; for a new page the current tip, so that a page
        // someone else creates meanwhile conflicts instead of being overwritten.
        let base = try page?.revision ?? wiki.head()
        // A new page may start from a template (`/new?template=…` sends here); an existing page ignores it.
        let template = request.queryValue("template").flatMap { $0.isEmpty ? nil : $0 }
        let text = try page?.text ?? template.map { try filledTemplate($0, for: name, context: context) } ?? ""
        var values = EditPresenter.form(name: name, text: text, base: base, message: "",
                                        csrf: context.csrfToken, isNew: page == nil, canSave: canEdit(context))
        if case .dictionary(var fields) = values {
            fields.merge(KnowledgePresenter.problems(PageMetadata(source: Array(text.utf8)))) { $1 }
            values = .dictionary(fields)
        }
        return .html(try self.page("edit", values, request: request, context: context).bytes)
    }

    private func saveEdit(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.editor, context)
        let form = try verifiedForm(request, context)
        let name = try PageName(try context.parameter("page"))
        let content = try submittedText(form)
        let base = try baseRevision(form["base"])
        var message = form["message"] ?? ""
        if message.allSatisfy(\.isWhitespace), try !wiki.exists(name) { message = "Create \(name)" }
        let edit = PageEdit(name: name, content: content, message: message, base: base, author: try author(context))
        switch try wiki.save(edit) {
        case .committed, .merged, .unchanged:
            return .redirect(to: PagePresenter.href(name))
        case .conflict(let conflict):
            let values = EditPresenter.conflict(name: name, conflict: conflict, message: form["message"] ?? "",
                                                csrf: context.csrfToken, heading: "Your edit overlaps a change made meanwhile")
            return .html(try page("conflict", values, request: request, context: context).bytes, status: .conflict)
        }
    }

    private func preview(_ request: Request, _ context: RequestContext) throws -> Response {
        // Preview changes nothing but costs a render: those who may edit or propose, and from our own form.
        try require(.contributor, context)
        let form = try verifiedForm(request, context)
        let content = try submittedText(form)
        let paths = try wiki.head().map { try pagePaths(at: $0) } ?? []
        let rendered = PagePresenter(pagePaths: paths).render(content)
        let values: TemplateValue = .dictionary([
            "title": .string(rendered.title ?? ""),
            "content": .safeHTML(rendered.document.html),
        ].merging(KnowledgePresenter.problems(PageMetadata(rendered.document.frontMatter))) { $1 })
        var response = Response.html(try theme.render("preview", values).bytes)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    private func newPage(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.contributor, context)
        let folder = request.queryValue("in") ?? ""
        let template = request.queryValue("template").flatMap { $0.isEmpty ? nil : $0 }
        if let template { _ = try templatePage(template) }
        var values: [String: TemplateValue] = ["title": .string("New page"), "name": .string(folder.isEmpty ? "" : folder + "/"),
                                               "templates": try templateChoices(selected: template),
                                               "blankChecked": .bool(template == nil)]
        if let text = request.queryValue("name")?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            do {
                // Spaces become dashes, as wiki links resolve them (PagePresenter.resolve).
                let name = try PageName(text.replacingOccurrences(of: " ", with: "-"))
                let query = template.map { "?template=" + PercentEncoding.encodeQueryValue($0) } ?? ""
                return .redirect(to: PagePresenter.href(name, route: "edit") + query)
            } catch StoreError.invalidPageName(_, let reason) {
                values["name"] = .string(text)
                values["error"] = .string("“\(text)” is not a valid page name: \(reason).")
                return .html(try page("new", .dictionary(values), request: request, context: context).bytes, status: .badRequest)
            }
        }
        return .html(try page("new", .dictionary(values), request: request, context: context).bytes)
    }

    /// The form's `content` with line endings normalised; 413 beyond `maximumPageBytes`.
    func submittedText(_ form: FormData) throws -> [UInt8] {
        let content = EditPresenter.normalizedText(form["content"] ?? "")
        guard content.count <= Self.maximumPageBytes else {
            throw HTTPError(.contentTooLarge, "A page may hold at most \(Self.maximumPageBytes / 1024 / 1024) MiB of text.")
        }
        return content
    }

    /// The form's `base`: empty means the editor started from nothing; anything else must be a commit here.
    func baseRevision(_ text: String?) throws -> Revision? {
        guard let text, !text.isEmpty else { return nil }
        do {
            return try wiki.resolve(revision: text)
        } catch let error as StoreError {
            if case .busy = error { throw error }
            throw HTTPError(.badRequest, "The form's base revision \(text.prefix(64)) is not a commit of this wiki; reload the editor.")
        }
    }

    /// The signed-in user as a commit author (`require` has run, so there is one).
    func author(_ context: RequestContext) throws -> Person {
        guard let user = context.user else { throw HTTPError(.unauthorized, "Sign in to do this.") }
        return Person(name: user.displayName, email: user.email)
    }
}
