import WikiStore

/// `/commit/{rev}.patch`: one commit as an mbox that `git am` applies to its parent (issue 8).
extension WikiApp {
    func registerPatchRoutes(into router: inout Router) {
        router.get("/commit/{rev}.patch") { [self] request, context in try commitPatch(request, context) }
    }

    /// The commit as `git format-patch -1 --stdout` would write it; a merge commit is refused (400).
    private func commitPatch(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let revision = try wiki.resolve(revision: try context.parameter("rev"))
        var response = Response.bytes(try wiki.formatPatch(revision.id.description), contentType: "application/mbox")
        // RFC 6266: shown in the browser, saved under the short id when downloaded.
        response.headers.set("Content-Disposition", "inline; filename=\"\(revision.shortID).patch\"")
        // A commit never changes, so its id alone names the bytes.
        response.headers.set("ETag", etag(["patch", revision.id.description], context: context))
        return response
    }
}
