import Foundation
import WikiRender
import WikiStore

/// `/rename/{page}`, `/delete/{page}` (a confirm page on GET, one commit on POST) and `POST /revert/{page}`.
extension WikiApp {
    /// Adds the rename, delete and revert routes (called by `registerEditRoutes`).
    func registerPageMoveRoutes(into router: inout Router) {
        router.get("/rename/{page...}") { [self] request, context in try confirmPage("rename", request, context) }
        router.post("/rename/{page...}") { [self] request, context in try renamePage(request, context) }
        router.get("/delete/{page...}") { [self] request, context in try confirmPage("delete", request, context) }
        router.post("/delete/{page...}") { [self] request, context in try deletePage(request, context) }
        router.post("/revert/{page...}") { [self] request, context in try revertPage(request, context) }
    }

    /// The rename or delete confirmation of an existing page.
    private func confirmPage(_ template: String, _ request: Request, _ context: RequestContext) throws -> Response {
        try require(.editor, context)
        let name = try PageName(try context.parameter("page"))
        guard try wiki.exists(name) else { throw StoreError.pageNotFound(name) }
        let values: TemplateValue = .dictionary([
            "title": .string((template == "rename" ? "Rename " : "Delete ") + name.description),
            "name": .string(name.description),
            "csrf": .string(context.csrfToken ?? ""),
            "action": .string(PagePresenter.href(name, route: template)),
            "view": .string(PagePresenter.href(name)),
            "breadcrumbs": PagePresenter.breadcrumbs(for: name),
        ])
        return .html(try page(template, values, request: request, context: context).bytes)
    }

    private func renamePage(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.editor, context)
        let form = try verifiedForm(request, context)
        let name = try PageName(try context.parameter("page"))
        guard let target = form["to"]?.trimmingCharacters(in: .whitespaces), !target.isEmpty else {
            throw HTTPError(.badRequest, "Give the page's new name in the field “to”.")
        }
        let to = try PageName(target)
        try wiki.rename(name, to: to, author: try author(context), message: form["message"] ?? "")
        return .redirect(to: PagePresenter.href(to))
    }

    private func deletePage(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.editor, context)
        let form = try verifiedForm(request, context)
        let name = try PageName(try context.parameter("page"))
        try wiki.delete(name, author: try author(context), message: form["message"] ?? "")
        return .redirect(to: "/pages")
    }

    /// Undoes one commit's change to the page (field `rev`) as a new commit; a later overlapping change
    /// is shown as a conflict holding the reverted text, never forced.
    private func revertPage(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.editor, context)
        let form = try verifiedForm(request, context)
        let name = try PageName(try context.parameter("page"))
        guard let revision = form["rev"], !revision.isEmpty else {
            throw HTTPError(.badRequest, "Give the commit to revert in the field “rev”.")
        }
        switch try wiki.revert(revision, page: name, author: try author(context)) {
        case .committed, .merged, .unchanged:
            return .redirect(to: PagePresenter.href(name, route: "history"))
        case .conflict(let conflict):
            let values = EditPresenter.conflict(name: name, conflict: conflict, message: "Revert \(revision.prefix(12)) on \(name)",
                                                csrf: context.csrfToken,
                                                heading: "Reverting this change overlaps later changes")
            return .html(try page("conflict", values, request: request, context: context).bytes, status: .conflict)
        }
    }
}
