import WikiRender
import WikiStore

/// `POST /proposals` (spec: Proposals): a `git format-patch` mbox, as the body (`Content-Type: application/mbox`,
/// scripts with HTTP Basic) or as the multipart field `patch` of the upload form (`GET /proposals/new`), applied
/// to main's tip with `git am` semantics (authors, dates and messages from the patches) and opened as a proposal.
/// A patch that does not apply is 422 naming the file and hunk, and creates nothing.
extension WikiApp {
    func registerProposalUploadRoutes(into router: inout Router) {
        router.get("/proposals/new") { [self] request, context in try proposalUploadForm(request, context) }
        router.post("/proposals") { [self] request, context in try openProposalFromMbox(request, context) }
    }

    private func proposalUploadForm(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.contributor, context)
        let values: [String: TemplateValue] = ["title": "Propose a patch", "csrf": .string(context.csrfToken ?? "")]
        return .html(try page("proposal-new", .dictionary(values), request: request, context: context).bytes)
    }

    /// 201 with `Location: /proposals/<id>` for scripts; a browser's form post is sent there with 303.
    private func openProposalFromMbox(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.contributor, context)
        let mediaType = request.headers["Content-Type"]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        let mbox: [UInt8], title: String?, description: String
        if mediaType == "application/mbox" {
            // No form, so no CSRF field: only a request carrying its own credentials may send a bare mbox.
            guard context.authentication == .basic else {
                throw HTTPError(.forbidden, "Send an mbox body with HTTP Basic credentials, or use the upload form.")
            }
            (mbox, title, description) = (request.body, nil, "")
        } else {
            let form = try verifiedForm(request, context)
            guard let patch = form.file("patch") ?? form.parts.first(where: { $0.name == "patch" }), !patch.bytes.isEmpty else {
                throw HTTPError(.badRequest, "The form needs a file in the field 'patch'.")
            }
            let given = (form["title"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            (mbox, title, description) = (patch.bytes, given.isEmpty ? nil : given, form["description"] ?? "")
        }
        let patches = try Mbox.parse(mbox)
        guard let base = try wiki.head() else { throw HTTPError(.conflict, "The wiki is empty: there is no main to propose a change to.") }
        let proposer = try participant(context)
        // git am's committer is whoever applies the patches: here the person who sent them.
        let head = try wiki.applyPatches(patches, onto: base.id, committer: Person(name: proposer.name, email: proposer.email))
        let proposal = try wiki.openProposal(head: head, title: title, description: description, proposer: proposer)
        let location = ProposalPresenter.href(proposal.id)
        guard context.authentication == .basic else { return .redirect(to: location) }
        var response = Response.text("Proposal #\(proposal.id) opened: \(location)\n", status: .created)
        response.headers.set("Location", location)
        return response
    }
}
