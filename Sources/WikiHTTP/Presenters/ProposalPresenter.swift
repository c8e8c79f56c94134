import Foundation
import WikiRender
import WikiStore

/// The values of proposals for the list and the review page: state, people, dates, commits, and the
/// conversation (comments rendered as sanitized Markdown, interleaved with state changes by time).
enum ProposalPresenter {
    /// Comments are GitHub-flavoured Markdown with raw HTML sanitized; no wiki links or heading anchors.
    static let commentOptions = MarkdownOptions(extensions: Set(GFMExtension.allCases))

    /// `/proposals/<id>`.
    static func href(_ id: Int) -> String { "/proposals/\(id)" }

    /// One proposal in a list: number, title, state, proposer, dates and counts.
    static func summary(_ proposal: Proposal) -> [String: TemplateValue] {
        [
            "id": .string(String(proposal.id)),
            "href": .string(href(proposal.id)),
            "title": .string(proposal.title),
            "state": .string(proposal.state.rawValue),
            "stateLabel": .string(stateLabel(proposal.state)),
            "proposer": .string(proposal.proposer.name),
            "iso": .string(DateText.iso(proposal.created)),
            "relative": .string(DateText.relative(proposal.created)),
            "updatedISO": .string(DateText.iso(proposal.updated)),
            "updatedRelative": .string(DateText.relative(proposal.updated)),
            "commentCount": .string(count(proposal.comments.count, "comment")),
            "hasComments": .bool(!proposal.comments.isEmpty),
        ]
    }

    /// "Open", "Merged" or "Closed".
    static func stateLabel(_ state: Proposal.State) -> String {
        switch state {
        case .open: "Open"
        case .merged: "Merged"
        case .closed: "Closed"
        }
    }

    /// The filter tabs of the list, the current one marked, each with its count.
    static func filters(_ all: [Proposal], current: Proposal.State?) -> TemplateValue {
        let tabs: [(String, Proposal.State?)] = [("Open", .open), ("Merged", .merged), ("Closed", .closed), ("All", nil)]
        return .list(tabs.map { label, state in
            .dictionary([
                "label": .string(label),
                "count": .string(String(all.count { state == nil || $0.state == state })),
                "href": .string("/proposals" + (state.map { "?state=\($0.rawValue)" } ?? "?state=all")),
                "current": .bool(state == current),
            ])
        })
    }

    /// The proposed commits, oldest first, each with its author and a link.
    static func commits(_ commits: [Commit]) -> TemplateValue {
        .list(commits.map { .dictionary(CommitPresenter.summary($0)) })
    }

    /// Comments and timeline events in time order (an event and a comment at the same second: the event first).
    static func activity(_ proposal: Proposal) -> TemplateValue {
        var items: [(date: Date, order: Int, value: TemplateValue)] = []
        for (index, event) in proposal.timeline.enumerated() {
            items.append((event.date, index * 2, .dictionary([
                "isEvent": .bool(true),
                "kind": .string(event.kind.rawValue),
                "text": .string(eventText(event)),
                "actor": .string(event.actor.name),
                "iso": .string(DateText.iso(event.date)),
                "relative": .string(DateText.relative(event.date)),
                "commit": .string(event.commit.map { Revision($0).shortID } ?? ""),
                "commitHref": .string(event.commit.map { "/commit/\($0)" } ?? ""),
            ])))
        }
        for (index, comment) in proposal.comments.enumerated() {
            let html = Markdown.render(Array(comment.body.utf8), options: commentOptions).html
            items.append((comment.date, index * 2 + 1, .dictionary([
                "isComment": .bool(true),
                "anchor": .string("comment-\(index + 1)"),
                "actor": .string(comment.author.name),
                "iso": .string(DateText.iso(comment.date)),
                "relative": .string(DateText.relative(comment.date)),
                "html": .safeHTML(html),
            ])))
        }
        // Stable in time; events and comments of the same second keep the order they were written in.
        let ordered = items.sorted { ($0.date, $0.order) < ($1.date, $1.order) }
        return .list(ordered.map(\.value))
    }

    /// What a timeline event says after the actor's name.
    static func eventText(_ event: Proposal.Event) -> String {
        switch event.kind {
        case .opened: "opened this proposal"
        case .updated: "pushed new commits"
        case .closed: "closed this proposal without merging"
        case .merged:
            switch event.method {
            case .fastForward?: "merged this proposal (fast-forward)"
            case .squash?: "squashed and merged this proposal"
            case .rebase?: "rebased and merged this proposal"
            case .merge?, nil: "merged this proposal with a merge commit"
            }
        }
    }

    /// The sentence above the merge button for an open proposal.
    static func mergeStatus(_ mergeability: Mergeability) -> String {
        switch mergeability {
        case .fastForward: "Main has not moved since this proposal was based on it: merging fast-forwards main to it."
        case .clean: "Main has moved on, but the changes do not overlap: merge them with a merge commit, replay the commits on main, or squash them."
        case .conflicts(let files): "This proposal conflicts with main in \(count(files.count, "file")). It cannot be merged until it is updated."
        case .upToDate: "Main already contains these commits: merging only records the decision."
        }
    }

    /// What the previews show: the pages merged into main when that is clean, else as proposed.
    static func previewHeading(_ mergeability: Mergeability?) -> String {
        switch mergeability {
        case .clean?, .fastForward?: "Preview after merging"
        case .conflicts?: "Preview as proposed (the merge conflicts)"
        case .upToDate?, nil: "Preview as proposed"
        }
    }

    /// "1 comment", "3 comments".
    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
