import Foundation
import WikiRender
import WikiStore

/// Proposals (issue #8; spec: Proposals): the list and its Atom feed, the review page, comments, merge
/// (maintainers), close (maintainers or the proposer), and "Propose this change" from the editor; proposals from
/// a `git format-patch` mbox are in `ProposalHandlers+Mbox.swift`.
/// Every POST calls `require` then `verifyCSRF` before it touches the wiki.
extension WikiApp {
    func registerProposalRoutes(into router: inout Router) {
        router.get("/proposals") { [self] request, context in try proposalList(request, context) }
        router.get("/proposals.atom") { [self] request, context in try proposalFeed(request, context) }
        router.get("/proposals/{id}") { [self] request, context in try proposalPage(request, context) }
        router.post("/proposals/{id}/comments") { [self] request, context in try commentOnProposal(request, context) }
        router.post("/proposals/{id}/merge") { [self] request, context in try mergeProposal(request, context) }
        router.post("/proposals/{id}/close") { [self] request, context in try closeProposal(request, context) }
        router.post("/propose/{page...}") { [self] request, context in try proposeEdit(request, context) }
        registerProposalUploadRoutes(into: &router)
    }

    /// Open proposals by default; `?state=merged|closed|all`.
    private func proposalList(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let filter = request.queryValue("state") ?? Proposal.State.open.rawValue
        let state = Proposal.State(rawValue: filter)
        guard state != nil || filter == "all" else { throw HTTPError(.badRequest, "'state' must be open, merged, closed or all.") }
        let all = try wiki.proposals()
        let shown = all.filter { state == nil || $0.state == state }
        let values: [String: TemplateValue] = [
            "title": "Proposals",
            "filters": ProposalPresenter.filters(all, current: state),
            "proposals": .list(shown.map { .dictionary(ProposalPresenter.summary($0)) }),
            "hasProposals": .bool(!shown.isEmpty),
            "emptyText": .string(state.map { "No \($0.rawValue) proposals." } ?? "No proposals yet."),
            "canPropose": .bool(canPropose(context)),
        ]
        return .html(try page("proposals", .dictionary(values), request: request, context: context).bytes)
    }

    /// The 50 proposals with the latest activity as Atom.
    private func proposalFeed(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let origin = try FeedPresenter.origin(request)
        return .bytes(ProposalFeedPresenter.atom(try wiki.proposals(), origin: origin, title: settings.title),
                      contentType: "application/atom+xml; charset=utf-8")
    }

    /// The review page: state, merge box, commits, combined diff, previews after merging, conversation.
    private func proposalPage(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let id = try proposalID(context)
        let details = try wiki.proposal(id)
        let proposal = details.proposal
        let layout = try DiffPresenter.layout(request)
        let head = Revision(details.head)
        var values = ProposalPresenter.summary(proposal)
        values["title"] = .string(proposal.title)
        values["descriptionHTML"] = .safeHTML(Markdown.render(Array(proposal.description.utf8),
                                                              options: ProposalPresenter.commentOptions).html)
        values["hasDescription"] = .bool(!proposal.description.isEmpty)
        values["topic"] = .string(proposal.topic ?? "")
        values["isOpen"] = .bool(proposal.state == .open)
        values["commits"] = ProposalPresenter.commits(details.commits)
        values["commitCount"] = .string(ProposalPresenter.count(details.commits.count, "commit"))
        values["commitTotal"] = .string(String(details.commits.count))
        values["head"] = .dictionary(["id": .string(head.id.description), "shortID": .string(head.shortID)])
        values["files"] = DiffPresenter.files(details.diff, layout: layout, revision: head)
        values["fileTotal"] = .string(String(details.diff.files.count))
        values["layouts"] = .list(DiffRenderer.Layout.allCases.map { option in
            .dictionary(["name": .string(option == .unified ? "Unified" : "Side by side"),
                         "href": .string(ProposalPresenter.href(id) + (option == .unified ? "" : "?view=\(option.rawValue)") + "#changes"),
                         "current": .bool(option == layout)])
        })
        values["previews"] = try previews(details)
        values["previewHeading"] = .string(ProposalPresenter.previewHeading(details.mergeability))
        values["activity"] = ProposalPresenter.activity(proposal)
        values["csrf"] = .string(context.csrfToken ?? "")
        values["canComment"] = .bool(canPropose(context))
        values["canClose"] = .bool(proposal.state == .open && mayClose(proposal, context))
        let isMaintainer = context.user?.role == .maintainer
        if let mergeability = details.mergeability {
            values["mergeStatus"] = .string(ProposalPresenter.mergeStatus(mergeability))
            if case .conflicts(let files) = mergeability { values["conflicts"] = .list(files.map { .string($0) }) }
            values["canMerge"] = .bool(isMaintainer)
            values["mergeBlocked"] = .bool({ if case .conflicts = mergeability { true } else { false } }())
        }
        if let decision = proposal.decision {
            values["decision"] = .dictionary([
                "text": .string(decision.state == .merged ? "Merged" : "Closed"),
                "by": .string(decision.by.name),
                "iso": .string(DateText.iso(decision.date)),
                "relative": .string(DateText.relative(decision.date)),
                "commit": .string(decision.commit.map { Revision($0).shortID } ?? ""),
                "commitHref": .string(decision.commit.map { "/commit/\($0)" } ?? ""),
            ])
        }
        return .html(try page("proposal", .dictionary(values), request: request, context: context).bytes)
    }

    /// Each previewed page rendered as the page view renders it, wiki links resolved against the proposal's head.
    private func previews(_ details: ProposalDetails) throws -> TemplateValue {
        guard !details.previews.isEmpty else { return .list([]) }
        let presenter = PagePresenter(pagePaths: try pagePaths(at: Revision(details.head)))
        return .list(details.previews.map { preview in
            let rendered = renderCache.document(for: .init(blobID: preview.blobID, revision: details.head)) {
                presenter.render(preview.bytes)
            }
            return .dictionary([
                "name": .string(preview.name.description),
                "title": .string(rendered.title ?? PagePresenter.title(for: preview.name)),
                "html": .safeHTML(rendered.document.html),
            ])
        })
    }

    /// Field `body`: a Markdown comment by a contributor or above; 303 back to it.
    private func commentOnProposal(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.contributor, context)
        let form = try verifiedForm(request, context)
        let id = try proposalID(context)
        let proposal = try wiki.comment(on: id, by: try participant(context), body: form["body"] ?? "")
        return .redirect(to: ProposalPresenter.href(id) + "#comment-\(proposal.comments.count)")
    }

    /// Maintainers only; field `strategy` = merge (default), rebase or squash. A conflict is 409 naming the files.
    private func mergeProposal(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.maintainer, context)
        let form = try verifiedForm(request, context)
        let id = try proposalID(context)
        let text = form["strategy"].flatMap { $0.isEmpty ? nil : $0 } ?? MergeStrategy.merge.rawValue
        guard let strategy = MergeStrategy(rawValue: text) else { throw HTTPError(.badRequest, "'strategy' must be merge, rebase or squash.") }
        switch try wiki.mergeProposal(id, by: try participant(context), strategy: strategy) {
        case .merged:
            return .redirect(to: ProposalPresenter.href(id))
        case .conflicts(let files):
            throw HTTPError(.conflict, "Proposal #\(id) conflicts with main in \(files.joined(separator: ", ")). "
                            + "It can be merged once it is updated so that these files merge cleanly.")
        }
    }

    /// Maintainers or the proposer; the optional field `body` is a closing comment.
    private func closeProposal(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.contributor, context)
        let form = try verifiedForm(request, context)
        let id = try proposalID(context)
        guard mayClose(try wiki.proposal(id).proposal, context) else {
            throw HTTPError(.forbidden, "Only a maintainer or the proposer may close proposal #\(id).")
        }
        _ = try wiki.closeProposal(id, by: try participant(context), comment: form["body"] ?? "")
        return .redirect(to: ProposalPresenter.href(id))
    }

    /// The editor's "Propose this change": the edit form's fields become a one-commit proposal; 303 to it.
    private func proposeEdit(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.contributor, context)
        let form = try verifiedForm(request, context)
        let name = try PageName(try context.parameter("page"))
        let content = try submittedText(form)
        let base = try baseRevision(form["base"])
        var message = (form["message"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if message.isEmpty { message = base.map { try? wiki.exists(name, at: $0.id.description) } == true ? "Update \(name)" : "Create \(name)" }
        let edit = PageEdit(name: name, content: content, message: message, base: base, author: try author(context))
        let proposal = try wiki.proposeEdit(edit, proposer: try participant(context))
        return .redirect(to: ProposalPresenter.href(proposal.id))
    }

    /// The `{id}` of the route: a positive number, else 404.
    private func proposalID(_ context: RequestContext) throws -> Int {
        guard let id = Int(try context.parameter("id")), id > 0 else { throw HTTPError.notFound }
        return id
    }

    /// Maintainers may close any proposal; a contributor or editor only their own.
    private func mayClose(_ proposal: Proposal, _ context: RequestContext) -> Bool {
        guard let user = context.user else { return false }
        return user.role == .maintainer || (user.role >= .contributor && !proposal.proposer.login.isEmpty
                                            && proposal.proposer.login == user.name)
    }

    /// The signed-in user as a proposal participant (`require` has run, so there is one).
    func participant(_ context: RequestContext) throws -> Participant {
        guard let user = context.user else { throw HTTPError(.unauthorized, "Sign in to do this.") }
        return Self.participant(user)
    }

    /// A user as a proposal participant: sign-in name, display name, email.
    static func participant(_ user: User) -> Participant {
        Participant(login: user.name, name: user.displayName, email: user.email)
    }
}
