import Foundation
import WikiRender
import WikiStore

/// Attachments: `GET /upload` (the form, and the result after an upload), `POST /upload/{path}` (the
/// contract's route) and `POST /upload` with a `path` field (what the form posts without JavaScript).
extension WikiApp {
    /// Adds the upload routes (called by `registerEditRoutes`).
    func registerUploadRoutes(into router: inout Router) {
        router.get("/upload") { [self] request, context in try uploadForm(request, context) }
        router.post("/upload") { [self] request, context in try upload(request, context, path: nil) }
        router.post("/upload/{path...}") { [self] request, context in
            try upload(request, context, path: try context.parameter("path"))
        }
    }

    private func uploadForm(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.editor, context)
        var values: [String: TemplateValue] = [
            "title": .string("Upload a file"),
            "csrf": .string(context.csrfToken ?? ""),
            "folder": .string(request.queryValue("folder") ?? "uploads/"),
        ]
        if let done = request.queryValue("done"), let path = try? AttachmentPath(done) {
            let href = "/files/" + PercentEncoding.encodePath(path.description)
            let isImage = UploadPresenter.isImage(path.description)
            values["done"] = .dictionary([
                "path": .string(path.description),
                "href": .string(href),
                "isImage": .bool(isImage),
                "markdown": .string((isImage ? "![" : "[") + UploadPresenter.label(path.description) + "](" + href + ")"),
            ])
        }
        return .html(try page("upload", .dictionary(values), request: request, context: context).bytes)
    }

    /// Stores the file field `file` at `path` (or at the form's `path` field; a folder there, ending in `/`,
    /// takes the file's own name) in one commit, then shows how to embed it.
    private func upload(_ request: Request, _ context: RequestContext, path: String?) throws -> Response {
        try require(.editor, context)
        let form = try verifiedForm(request, context)
        guard let file = form.file("file") else { throw HTTPError(.badRequest, "Choose a file to upload (the field “file”).") }
        var target = (path ?? form["path"] ?? "").trimmingCharacters(in: .whitespaces)
        if target.isEmpty || target.hasSuffix("/") {
            guard let fileName = UploadPresenter.safeFileName(file.filename ?? "") else {
                throw HTTPError(.badRequest, "The file has no usable name; give a path to store it at.")
            }
            target += fileName
        }
        let attachment = try AttachmentPath(target)
        try wiki.upload(path: attachment.description, bytes: file.bytes, author: try author(context), message: form["message"] ?? "")
        return .redirect(to: "/upload?done=" + PercentEncoding.encodeQueryValue(attachment.description))
    }
}
