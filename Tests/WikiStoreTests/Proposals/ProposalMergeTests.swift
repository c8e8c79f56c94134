import Foundation
import Testing
@testable import WikiStore

/// Merging proposals: fast-forward, merge commit, squash, conflicts; authors checked with the real git.
@Suite("Proposal merges")
struct ProposalMergeTests {
    static let ada = ("Ada Lovelace", "ada@example.com")
    static let bob = ("Bob Builder", "bob@example.com")
    static let mona = Participant(login: "mona", name: "Mona Maintainer", email: "mona@example.com")
    static let page = "# Home\n\none\ntwo\nthree\nfour\nfive\nsix\n"

    /// `git log` of main in `format`, one line per commit, newest first.
    static func log(_ wiki: TemporaryWiki, _ format: String) throws -> [String] {
        try wiki.git("log", "--format=\(format)", "main").split(separator: "\n").map(String.init)
    }

    @Test("A proposal on main's tip fast-forwards: its commit lands as it is, author kept")
    func fastForward() throws {
        try withWiki(pages: ["Home": Self.page]) { wiki in
            let clone = try wiki.workClone()
            let head = try wiki.commit(in: clone, file: "Idea.md", text: "idea\n", author: Self.ada, message: "Add an idea")
            _ = try wiki.wiki.openProposal(head: head, proposer: ProposalTests.ada)
            let outcome = try wiki.wiki.mergeProposal(1, by: Self.mona)
            #expect(outcome == .merged(Revision(head), .fastForward))
            #expect(try wiki.tip().id == head)
            #expect(try Self.log(wiki, "%an%x09%cn%x09%s").first == "Ada Lovelace\tCLI Committer\tAdd an idea")
            let record = try wiki.wiki.proposal(1).proposal
            #expect(record.state == .merged && record.decision?.by == Self.mona && record.decision?.method == .fastForward)
            #expect(record.decision?.commit == head && record.timeline.map(\.kind) == [.opened, .merged])
        }
    }

    @Test("When main moved on, a merge commit by the maintainer joins main and the proposal; authors kept")
    func mergeCommit() throws {
        try withWiki(pages: ["Home": Self.page]) { wiki in
            let clone = try wiki.workClone()
            let head = try wiki.commit(in: clone, file: "Idea.md", text: "idea\n", author: Self.ada, message: "Add an idea")
            _ = try wiki.wiki.openProposal(head: head, proposer: ProposalTests.ada)
            try wiki.save("Home", Self.page + "seven\n", base: try wiki.tip())
            let before = try wiki.tip()
            #expect(try wiki.wiki.proposal(1).mergeability == .clean)
            guard case .merged(let revision, .merge) = try wiki.wiki.mergeProposal(1, by: Self.mona) else {
                Issue.record("expected a merge commit"); return
            }
            #expect(try wiki.tip() == revision)
            let parents = try wiki.git("rev-list", "--parents", "-1", "main").split(whereSeparator: \.isWhitespace).dropFirst()
            #expect(parents.map(String.init) == [before.id.description, head.description])
            let log = try Self.log(wiki, "%an%x09%cn%x09%s")
            #expect(log.first == "Mona Maintainer\tMona Maintainer\tMerge proposal #1: Add an idea")
            #expect(log.contains("Ada Lovelace\tCLI Committer\tAdd an idea"))
            #expect(try wiki.text("Idea") == "idea\n" && wiki.text("Home") == Self.page + "seven\n")
            // The proposed commit and the merge commit reached main: /metrics counts both as merged.
            #expect(wiki.wiki.commitCounters.count(.merge) == 2)
        }
    }

    @Test("Squash makes one commit on main by the first author, committed by the maintainer, crediting the others")
    func squash() throws {
        try withWiki(pages: ["Home": Self.page]) { wiki in
            let clone = try wiki.workClone()
            try wiki.commit(in: clone, file: "Idea.md", text: "idea\n", author: Self.ada, message: "Add an idea")
            let head = try wiki.commit(in: clone, file: "Plan.md", text: "plan\n", author: Self.bob, message: "Add a plan")
            _ = try wiki.wiki.openProposal(head: head, title: "Ideas and plans", proposer: ProposalTests.ada)
            try wiki.save("Other", "other\n", base: try wiki.tip())
            let before = try wiki.tip()
            guard case .merged(let revision, .squash) = try wiki.wiki.mergeProposal(1, by: Self.mona, strategy: .squash) else {
                Issue.record("expected a squash"); return
            }
            #expect(try wiki.wiki.commit(revision.id.description).commit.parents == [before.id])
            #expect(try Self.log(wiki, "%an%x09%cn%x09%s").first == "Ada Lovelace\tMona Maintainer\tIdeas and plans")
            let message = try wiki.git("log", "-1", "--format=%B", "main")
            #expect(message.contains("* Add an idea (Ada Lovelace)\n* Add a plan (Bob Builder)"))
            #expect(message.contains("Co-authored-by: Bob Builder <bob@example.com>"))
            #expect(try wiki.text("Idea") == "idea\n" && wiki.text("Plan") == "plan\n" && wiki.text("Other") == "other\n")
        }
    }

    @Test("Rebase replays each commit on main: linear history, authors with their dates, the maintainer as committer")
    func rebase() throws {
        try withWiki(pages: ["Home": Self.page]) { wiki in
            let clone = try wiki.workClone()
            try wiki.commit(in: clone, file: "Idea.md", text: "idea\n", author: Self.ada, message: "Add an idea")
            let head = try wiki.commit(in: clone, file: "Plan.md", text: "plan\n", author: Self.bob, message: "Add a plan")
            _ = try wiki.wiki.openProposal(head: head, proposer: ProposalTests.ada)
            try wiki.save("Other", "other\n", base: try wiki.tip())
            let before = try wiki.tip()
            guard case .merged(let revision, .rebase) = try wiki.wiki.mergeProposal(1, by: Self.mona, strategy: .rebase) else {
                Issue.record("expected a rebase"); return
            }
            #expect(try wiki.tip() == revision && wiki.git("rev-list", "--merges", "main").isEmpty)
            #expect(try wiki.git("rev-list", "--count", "\(before.id)..main").trimmingCharacters(in: .whitespacesAndNewlines) == "2")
            let original = try wiki.git("log", "--date=raw", "--format=%an|%ae|%ad|%B", "-2", head.description)
            #expect(try wiki.git("log", "--date=raw", "--format=%an|%ae|%ad|%B", "-2", "main") == original)
            #expect(try Self.log(wiki, "%cn").prefix(2) == ["Mona Maintainer", "Mona Maintainer"])
            #expect(try wiki.text("Idea") == "idea\n" && wiki.text("Plan") == "plan\n" && wiki.text("Other") == "other\n")
            #expect(try wiki.wiki.proposal(1).proposal.decision?.method == .rebase)
        }
    }

    @Test("Overlapping changes are listed, the merge is refused and nothing moves")
    func conflict() throws {
        try withWiki(pages: ["Home": Self.page]) { wiki in
            let clone = try wiki.workClone()
            let head = try wiki.commit(in: clone, file: "Home.md", text: Self.page.replacingOccurrences(of: "two", with: "TWO"),
                                       author: Self.ada, message: "Shout two")
            _ = try wiki.wiki.openProposal(head: head, proposer: ProposalTests.ada)
            try wiki.save("Home", Self.page.replacingOccurrences(of: "two", with: "2"), base: try wiki.tip())
            let tip = try wiki.tip(), review = try wiki.git("rev-parse", "refs/proposals/1/review")
            #expect(try wiki.wiki.proposal(1).mergeability == .conflicts(["Home.md"]))
            for strategy in MergeStrategy.allCases {
                #expect(try wiki.wiki.mergeProposal(1, by: Self.mona, strategy: strategy) == .conflicts(["Home.md"]))
            }
            #expect(try wiki.tip() == tip && wiki.git("rev-parse", "refs/proposals/1/review") == review)
            #expect(try wiki.wiki.proposal(1).proposal.state == .open)
        }
    }

    @Test("The preview shows a changed page as it reads after merging with main's own changes")
    func mergedPreview() throws {
        try withWiki(pages: ["Home": Self.page]) { wiki in
            let clone = try wiki.workClone()
            let head = try wiki.commit(in: clone, file: "Home.md", text: Self.page.replacingOccurrences(of: "one", with: "ONE"),
                                       author: Self.ada, message: "Shout one")
            _ = try wiki.wiki.openProposal(head: head, proposer: ProposalTests.ada)
            try wiki.save("Home", Self.page.replacingOccurrences(of: "six", with: "6"), base: try wiki.tip())
            let preview = try wiki.wiki.proposal(1).previews.map { String(decoding: $0.bytes, as: UTF8.self) }
            #expect(preview == [Self.page.replacingOccurrences(of: "one", with: "ONE").replacingOccurrences(of: "six", with: "6")])
        }
    }
}
