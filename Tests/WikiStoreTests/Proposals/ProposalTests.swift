import Foundation
import Testing
@testable import WikiStore

/// Proposals in a real repository: the review record as a commit chain, comments, close, update, reopening.
@Suite("Proposals")
struct ProposalTests {
    static let ada = Participant(login: "ada", name: "Ada Lovelace", email: "ada@example.com")
    static let mona = Participant(login: "mona", name: "Mona Maintainer", email: "mona@example.com")

    /// Ada proposes a new text for Home, based on the tip.
    static func proposeHome(_ wiki: TemporaryWiki, _ text: String = "# Home\n\nWelcome, proposed.\n") throws -> Proposal {
        let edit = PageEdit(name: try PageName("Home"), content: Array(text.utf8), message: "Warmer welcome",
                            base: try wiki.tip(), author: Person(name: "Ada Lovelace", email: "ada@example.com"))
        return try wiki.wiki.proposeEdit(edit, proposer: ada)
    }

    @Test("An edit proposed from the editor becomes proposal 1 with a review record, and main does not move")
    func proposeEdit() throws {
        try withWiki(pages: ["Home": "# Home\n\nWelcome.\n"]) { wiki in
            let tip = try wiki.tip()
            let proposal = try Self.proposeHome(wiki)
            #expect(proposal.id == 1 && proposal.title == "Warmer welcome" && proposal.state == .open)
            #expect(proposal.proposer == Self.ada && proposal.base == tip.id)
            #expect(try wiki.tip() == tip)
            let details = try wiki.wiki.proposal(1)
            #expect(details.commits.map(\.author.name) == ["Ada Lovelace"])
            #expect(details.commits.first?.parents == [tip.id])
            #expect(details.diff.files.map(\.newPath) == ["Home.md"])
            #expect(details.mergeability == .fastForward)
            #expect(details.previews.map { String(decoding: $0.bytes, as: UTF8.self) } == ["# Home\n\nWelcome, proposed.\n"])
            let json = try wiki.git("show", "refs/proposals/1/review:proposal.json")
            #expect(json.contains("\"title\" : \"Warmer welcome\""))
            #expect(json.contains("\"login\" : \"ada\""))
            #expect(try wiki.git("rev-parse", "refs/proposals/1/head").trimmingCharacters(in: .whitespacesAndNewlines)
                    == details.head.description)
        }
    }

    @Test("Unchanged text cannot be proposed, and nothing is created")
    func unchangedEdit() throws {
        try withWiki(pages: ["Home": "same\n"]) { wiki throws in
            #expect(throws: StoreError.invalidInput("the text is unchanged: there is nothing to propose")) {
                _ = try Self.proposeHome(wiki, "same\n")
            }
            #expect(try wiki.wiki.proposals().isEmpty)
            #expect(try wiki.git("for-each-ref", "refs/proposals").isEmpty)
        }
    }

    @Test("Each comment is a new review commit whose parent is the previous one")
    func comments() throws {
        try withWiki(pages: ["Home": "a\n"]) { wiki in
            _ = try Self.proposeHome(wiki)
            _ = try wiki.wiki.comment(on: 1, by: Self.mona, body: "Looks **good**.")
            let proposal = try wiki.wiki.comment(on: 1, by: Self.ada, body: "Thanks!\n")
            #expect(proposal.comments.map(\.body) == ["Looks **good**.", "Thanks!"])
            #expect(proposal.comments.map(\.author.login) == ["mona", "ada"])
            #expect(try wiki.git("rev-list", "--count", "refs/proposals/1/review").trimmingCharacters(in: .whitespacesAndNewlines) == "3")
            #expect(try wiki.git("log", "-1", "--format=%an|%cn|%s", "refs/proposals/1/review")
                .trimmingCharacters(in: .whitespacesAndNewlines) == "Ada Lovelace|opswiki|Comment on proposal #1")
            #expect(try wiki.wiki.proposal(1).proposal == proposal)
        }
    }

    @Test("An empty comment or an unknown proposal is refused and writes nothing")
    func badComments() throws {
        try withWiki(pages: ["Home": "a\n"]) { wiki in
            _ = try Self.proposeHome(wiki)
            let review = try wiki.git("rev-parse", "refs/proposals/1/review")
            #expect(throws: StoreError.invalidInput("the comment is empty")) { try wiki.wiki.comment(on: 1, by: Self.ada, body: " \n ") }
            #expect(throws: StoreError.proposalNotFound(7)) { try wiki.wiki.comment(on: 7, by: Self.ada, body: "hi") }
            #expect(throws: StoreError.proposalNotFound(7)) { try wiki.wiki.proposal(7) }
            #expect(try wiki.git("rev-parse", "refs/proposals/1/review") == review)
        }
    }

    @Test("Closing records the comment, the decision and the timeline; a closed proposal cannot be merged or closed again")
    func close() throws {
        try withWiki(pages: ["Home": "a\n"]) { wiki in
            _ = try Self.proposeHome(wiki)
            let tip = try wiki.tip()
            let closed = try wiki.wiki.closeProposal(1, by: Self.mona, comment: "Superseded by #2.")
            #expect(closed.state == .closed && closed.decision?.by == Self.mona && closed.decision?.state == .closed)
            #expect(closed.timeline.map(\.kind) == [.opened, .closed])
            #expect(closed.comments.map(\.body) == ["Superseded by #2."])
            #expect(throws: StoreError.proposalNotOpen(1, .closed)) { try wiki.wiki.closeProposal(1, by: Self.mona) }
            #expect(throws: StoreError.proposalNotOpen(1, .closed)) { try wiki.wiki.mergeProposal(1, by: Self.mona) }
            #expect(try wiki.tip() == tip)
            #expect(try wiki.wiki.proposals(state: .open).isEmpty)
            #expect(try wiki.wiki.proposals(state: .closed).map(\.id) == [1])
            #expect(try wiki.wiki.proposal(1).mergeability == nil)
        }
    }

    @Test("Updating the head records the new head and recomputes the base")
    func update() throws {
        try withWiki(pages: ["Home": "a\n"]) { wiki in
            let clone = try wiki.workClone()
            let first = try wiki.commit(in: clone, file: "Idea.md", text: "idea\n", author: ("Ada Lovelace", "ada@example.com"), message: "Idea")
            _ = try wiki.wiki.openProposal(head: first, proposer: Self.ada)
            let second = try wiki.commit(in: clone, file: "Idea.md", text: "better idea\n", author: ("Ada Lovelace", "ada@example.com"),
                                         message: "Better idea")
            let updated = try wiki.wiki.updateProposal(1, head: second, by: Self.ada)
            #expect(updated.head == second && updated.timeline.map(\.kind) == [.opened, .updated])
            #expect(updated.title == "Idea")
            let details = try wiki.wiki.proposal(1)
            #expect(details.head == second && details.commits.map(\.summary) == ["Idea", "Better idea"])
        }
    }

    @Test("The record survives reopening the wiki and is in a fresh git clone --mirror")
    func survivesReopenAndMirror() throws {
        try withWiki(pages: ["Home": "a\n"]) { wiki in
            _ = try Self.proposeHome(wiki)
            let commented = try wiki.wiki.comment(on: 1, by: Self.mona, body: "Please add a link.")
            let reopened = try Wiki.open(at: wiki.path)
            #expect(try reopened.proposals().first == commented)
            let mirror = wiki.root.appendingPathComponent("mirror.git").path
            try wiki.gitOutside(["clone", "-q", "--mirror", wiki.path, mirror])
            let json = try wiki.gitOutside(["--git-dir=\(mirror)", "show", "refs/proposals/1/review:proposal.json"])
            #expect(json.contains("Please add a link."))
            let mirrored = try Wiki.open(at: mirror)
            #expect(try mirrored.proposal(1).proposal == commented)
        }
    }
}
