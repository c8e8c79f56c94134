import Foundation
import Testing
@testable import WikiStore

/// Every path that moves a ref goes through `Durability`'s two barriers (issue 9): objects synced before the
/// move, the moved refs fsynced after it. Checked through the barrier log `Durability.record` keeps for one
/// repository, with real writes, a real push and a real gc.
@Suite("Durability barriers")
struct DurabilityTests {
    static let main = "refs/heads/main"
    /// The log of one acknowledged move of `refs`: one objects barrier, then the refs fsynced.
    static func moved(_ refs: [String]) -> [Durability.Event] { [.objectsSynced, .referencesSynced(refs)] }

    /// A wiki whose barriers are recorded from now on.
    static func recordedWiki(pages: [String: String]) throws -> TemporaryWiki {
        let wiki = try TemporaryWiki(pages: pages)
        Durability.record(wiki.path)
        return wiki
    }

    @Test("Web saves, renames, deletes, uploads and reverts each sync objects, then fsync main")
    func webWrites() throws {
        let wiki = try Self.recordedWiki(pages: ["Home": "home\n", "Guide": "guide\n"])
        let author = TemporaryWiki.author
        let first = try wiki.tip()
        try wiki.save("Home", "home, edited\n", base: first)
        let edited = try wiki.tip()
        #expect(Durability.takeEvents(wiki.path) == Self.moved([Self.main]))
        let renamed = try wiki.wiki.rename(PageName("Guide"), to: PageName("Manual"), author: author)
        #expect(Durability.takeEvents(wiki.path) == Self.moved([Self.main]))
        let uploaded = try wiki.wiki.upload(path: "files/a.bin", bytes: [0, 1, 2], author: author)
        #expect(Durability.takeEvents(wiki.path) == Self.moved([Self.main]))
        let deleted = try wiki.wiki.delete(PageName("Manual"), author: author)
        #expect(Durability.takeEvents(wiki.path) == Self.moved([Self.main]))
        let reverted = try wiki.wiki.revert(edited.description, page: PageName("Home"), author: author)
        // The revert is based on the reverted commit, so it merges with the later writes (or commits when none overlap).
        let tip = try wiki.tip()
        #expect(reverted == .merged(tip) || reverted == .committed(tip), "\(reverted)")
        #expect(Durability.takeEvents(wiki.path) == Self.moved([Self.main]))
        #expect(try wiki.text("Home") == "home\n")
        #expect(try wiki.git("rev-list", "--count", "main") == "7\n")
        #expect(renamed != uploaded && uploaded != deleted)
        try wiki.expectConsistent()
    }

    @Test("An edit that changes nothing moves no ref and costs no barrier")
    func unchangedEdit() throws {
        let wiki = try Self.recordedWiki(pages: ["Home": "home\n"])
        #expect(try wiki.save("Home", "home\n", base: wiki.tip()) == .unchanged)
        #expect(Durability.takeEvents(wiki.path) == [])
    }

    @Test("Opening, commenting on and merging a proposal fsync exactly the refs each moves")
    func proposals() throws {
        let wiki = try Self.recordedWiki(pages: ["Home": "home\n"])
        let clone = try wiki.workClone()
        let head = try wiki.commit(in: clone, file: "Idea.md", text: "idea\n", author: ("Ada Lovelace", "ada@example.com"), message: "Idea")
        _ = Durability.takeEvents(wiki.path)
        _ = try wiki.wiki.openProposal(head: head, proposer: ProposalTests.ada)
        #expect(Durability.takeEvents(wiki.path) == Self.moved(["refs/proposals/1/head", "refs/proposals/1/review"]))
        _ = try wiki.wiki.comment(on: 1, by: ProposalTests.ada, body: "please merge")
        #expect(Durability.takeEvents(wiki.path) == Self.moved(["refs/proposals/1/review"]))
        #expect(try wiki.wiki.mergeProposal(1, by: ProposalMergeTests.mona) == .merged(Revision(head), .fastForward))
        #expect(Durability.takeEvents(wiki.path) == Self.moved(["refs/proposals/1/review", Self.main]))
        #expect(try wiki.tip().id == head)
        try wiki.expectConsistent()
    }

    @Test("applyPatches writes commits but moves no ref, so it needs no barrier of its own")
    func appliedPatches() throws {
        let wiki = try Self.recordedWiki(pages: ["Home": "home\n"])
        let base = try wiki.tip()
        try wiki.save("Home", "home, patched\n", base: base)
        let patches = try Mbox.parse(wiki.wiki.formatPatch(wiki.tip().description))
        _ = Durability.takeEvents(wiki.path)
        let tip = try wiki.wiki.applyPatches(patches, onto: base.id, committer: TemporaryWiki.author)
        #expect(Durability.takeEvents(wiki.path) == [])
        #expect(try wiki.git("rev-parse", "\(tip)^{tree}") == wiki.git("rev-parse", "main^{tree}"))
    }

    @Test("A push to main and a push to refs/for/main sync the published pack, then fsync the refs they move")
    func pushes() throws {
        let wiki = try Self.recordedWiki(pages: ["Home": "home\n"])
        let clone = try ProtocolFixtures.localClone(of: wiki)
        let old = try wiki.tip().description
        let new = try ProtocolFixtures.commit(wiki, in: clone, file: "New.md", text: "new page\n")
        let pack = try ProtocolFixtures.pack(wiki, in: clone, revisions: [new, "^\(old)"])
        _ = Durability.takeEvents(wiki.path)
        let pushed = try wiki.wiki.receivePack(request: ProtocolFixtures.pushBody(old: old, new: new, ref: Self.main, pack: pack),
                                               permissions: .everyone) { _ in }
        #expect(pushed.movedMain)
        #expect(Durability.takeEvents(wiki.path) == Self.moved([Self.main]))
        let proposed = try ProtocolFixtures.commit(wiki, in: clone, file: "New.md", text: "better page\n")
        let second = try ProtocolFixtures.pack(wiki, in: clone, revisions: [proposed, "^\(new)"])
        let proposal = try wiki.wiki.receivePack(request: ProtocolFixtures.pushBody(old: nil, new: proposed, ref: "refs/for/main", pack: second),
                                                 permissions: .everyone) { _ in }
        #expect(proposal.proposals == [1])
        #expect(Durability.takeEvents(wiki.path) == Self.moved(["refs/proposals/1/head", "refs/proposals/1/review"]))
        try wiki.expectConsistent()
    }

    @Test("gc syncs its new pack before it deletes what the pack replaces, and moves no ref")
    func maintenance() throws {
        let wiki = try Self.recordedWiki(pages: ["Home": "home\n", "Guide": "guide\n", "Notes": "notes\n"])
        _ = Durability.takeEvents(wiki.path)
        let report = try wiki.wiki.maintenance()
        #expect(report.removedLooseObjects > 0)
        #expect(Durability.takeEvents(wiki.path) == [.objectsSynced])
        #expect(try wiki.git("show-ref").contains(" \(Self.main)\n"))
        try wiki.expectConsistent()
    }

    @Test("No source file but GitTransaction.swift calls a libgit2 function that moves a ref")
    func oneRefMover() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/WikiStore")
        let movers = ["git_reference_create", "git_reference_set_target", "git_reference_symbolic_create",
                      "git_reference_rename", "git_reference_delete", "git_reference_remove", "git_transaction_commit",
                      "git_repository_set_head", "git_branch_create", "git_refdb_compress"]
        var found: [String: [String]] = [:]
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            // Doc comments name the C functions too; only code lines count.
            let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            for mover in movers where code.contains(mover + "(") { found[mover, default: []].append(file) }
        }
        // git_refdb_compress only repacks refs to their current values, with libgit2's fsync switched on.
        #expect(found == ["git_transaction_commit": ["Git/GitTransaction.swift"], "git_refdb_compress": ["Git/GitMaintenance.swift"]])
    }
}
