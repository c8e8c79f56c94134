import WikiStore

/// `/files/{path}`: an attachment's bytes (`?rev=` for an older version), typed by its extension and
/// sandboxed, since anyone who may upload chooses its bytes.
extension WikiApp {
    func registerFileRoutes(into router: inout Router) {
        router.get("/files/{path...}") { [self] request, context in try attachment(request, context) }
    }

    /// The attachment's bytes with its type, nosniff, a sandbox CSP, and download-only for active types.
    private func attachment(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let revision = request.queryValue("rev").flatMap { $0.isEmpty ? nil : $0 }
        let file = try wiki.file(try context.parameter("path"), at: revision)
        let type = ContentTypes.type(for: file.path)
        var response = Response.bytes(file.bytes, contentType: type.mediaType)
        response.headers.set("ETag", "\"\(file.blobID)\"")
        response.headers.set("X-Content-Type-Options", "nosniff")
        // CSP3 §6.3.2.8: a sandboxed document has an opaque origin and runs no script, whatever it is.
        response.headers.set("Content-Security-Policy", "sandbox")
        if type.isActive {
            let name = file.path.split(separator: "/").last.map(String.init) ?? "attachment"
            response.headers.set("Content-Disposition", ContentTypes.attachmentDisposition(fileName: name))
        }
        return response
    }
}
