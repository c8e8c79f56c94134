import Foundation
import Testing
@testable import WikiStore

/// The real git client against the protocol API through a tiny test HTTP front (the product server is WikiHTTP).
@Suite("git clone, fetch and push end to end")
struct SmartHTTPEndToEndTests {
    /// A wiki with three pages and an annotated tag, served on 127.0.0.1.
    private func served(permissions: PushPermissions = .everyone) throws -> (TemporaryWiki, SmartHTTPShim) {
        let wiki = try TemporaryWiki(pages: ["Home": "welcome\n", "runbooks/db": "steps\n", "About": "about\n"])
        try wiki.git("tag", "-a", "v1", "-m", "release one", "main")
        return (wiki, try SmartHTTPShim(wiki: wiki.wiki, permissions: permissions))
    }

    /// `git clone` with the given protocol version into `name`; returns the clone's directory.
    private func clone(_ wiki: TemporaryWiki, _ shim: SmartHTTPShim, version: Int, name: String, extra: [String] = []) throws -> URL {
        let directory = wiki.root.appendingPathComponent(name)
        let result = try wiki.runGit(["-c", "protocol.version=\(version)", "clone", "-q"] + extra + [shim.url, directory.path],
                                     inRepository: false)
        guard result.status == 0 else { throw TestFailure("clone v\(version): \(result.error)") }
        return directory
    }

    @Test("A v0 and a v2 clone each equal the server's refs and pass git fsck --full", arguments: [0, 2])
    func cloneMatchesServer(version: Int) throws {
        let (wiki, shim) = try served()
        let directory = try clone(wiki, shim, version: version, name: "clone")
        #expect(try ProtocolFixtures.git(wiki, in: directory, "rev-parse", "HEAD") == wiki.tip().description)
        #expect(try ProtocolFixtures.git(wiki, in: directory, "symbolic-ref", "HEAD") == "refs/heads/main")
        #expect(try ProtocolFixtures.git(wiki, in: directory, "cat-file", "-t", "v1") == "tag")
        #expect(try ProtocolFixtures.git(wiki, in: directory, "rev-parse", "v1") == wiki.git("rev-parse", "v1").trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(try ProtocolFixtures.git(wiki, in: directory, "rev-list", "--objects", "--all").split(separator: "\n").count
                == wiki.git("rev-list", "--objects", "--all").split(separator: "\n").count)
        #expect(try ProtocolFixtures.git(wiki, in: directory, "fsck", "--full", "--no-dangling").isEmpty)
    }

    @Test("A fetch after a web edit brings exactly the new commit, tree and blob", arguments: [0, 2])
    func fetchTransfersOnlyNewObjects(version: Int) throws {
        let (wiki, shim) = try served()
        let directory = try clone(wiki, shim, version: version, name: "clone")
        try ProtocolFixtures.git(wiki, in: directory, "repack", "-adq")
        try wiki.save("Home", "welcome back\n", base: try wiki.tip())
        try ProtocolFixtures.git(wiki, in: directory, "-c", "protocol.version=\(version)", "fetch", "-q")
        #expect(try ProtocolFixtures.git(wiki, in: directory, "rev-parse", "origin/main") == wiki.tip().description)
        // Fewer than 100 objects are unpacked loose (fetch.unpackLimit), so the loose count is the pack's size.
        #expect(try ProtocolFixtures.git(wiki, in: directory, "count-objects").hasPrefix("3 objects"))
    }

    @Test("A fetch whose 40 newest local commits the server lacks negotiates over several rounds", arguments: [0, 2])
    func multiRoundFetch(version: Int) throws {
        let (wiki, shim) = try served()
        let directory = try clone(wiki, shim, version: version, name: "clone")
        for index in 0..<40 { try ProtocolFixtures.commit(wiki, in: directory, file: "local\(index).md", text: "\(index)\n") }
        try wiki.save("About", "about us\n", base: try wiki.tip())
        try ProtocolFixtures.git(wiki, in: directory, "-c", "protocol.version=\(version)", "fetch", "-q")
        #expect(try ProtocolFixtures.git(wiki, in: directory, "rev-parse", "origin/main") == wiki.tip().description)
        #expect(try ProtocolFixtures.git(wiki, in: directory, "fsck", "--no-dangling").isEmpty)
    }

    @Test("clone --depth 1 has one commit and a shallow file", arguments: [0, 2])
    func shallowClone(version: Int) throws {
        let (wiki, shim) = try served()
        let directory = try clone(wiki, shim, version: version, name: "shallow", extra: ["--depth", "1"])
        #expect(try ProtocolFixtures.git(wiki, in: directory, "rev-list", "--count", "HEAD") == "1")
        let shallow = try String(contentsOf: directory.appendingPathComponent(".git/shallow"), encoding: .utf8)
        #expect(try shallow.trimmingCharacters(in: .whitespacesAndNewlines) == wiki.tip().description)
        #expect(try ProtocolFixtures.git(wiki, in: directory, "fsck", "--no-dangling").isEmpty)
    }

    @Test("A fast-forward push moves main; a forced non-fast-forward is rejected by the server")
    func pushFastForwardAndReject() throws {
        let (wiki, shim) = try served()
        let directory = try clone(wiki, shim, version: 0, name: "clone")
        let pushed = try ProtocolFixtures.commit(wiki, in: directory, file: "New.md", text: "new page\n")
        try ProtocolFixtures.git(wiki, in: directory, "push", "-q", "origin", "HEAD:main")
        #expect(try wiki.tip().description == pushed)
        #expect(try wiki.text("New") == "new page\n")
        try ProtocolFixtures.git(wiki, in: directory, "reset", "-q", "--hard", "HEAD~1")
        try ProtocolFixtures.commit(wiki, in: directory, file: "Other.md", text: "diverged\n")
        let forced = try wiki.runGit(["-C", directory.path, "push", "--force", "origin", "HEAD:main"], inRepository: false)
        #expect(forced.status != 0)
        #expect(forced.error.contains("[remote rejected] HEAD -> main (non-fast-forward)"))
        #expect(try wiki.tip().description == pushed)
    }

    @Test("A push to refs/for/main opens a proposal and leaves main alone")
    func pushOpensProposal() throws {
        let (wiki, shim) = try served()
        let directory = try clone(wiki, shim, version: 0, name: "clone")
        let tip = try wiki.tip()
        let proposed = try ProtocolFixtures.commit(wiki, in: directory, file: "Idea.md", text: "idea\n")
        let result = try wiki.runGit(["-C", directory.path, "push", "origin", "HEAD:refs/for/main", "-o", "topic=idea"],
                                     inRepository: false)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains("remote: proposal 1 opened: /proposals/1 (topic=idea)"))
        #expect(result.error.contains("HEAD -> refs/proposals/1/head"))
        #expect(try wiki.git("rev-parse", "refs/proposals/1/head").trimmingCharacters(in: .whitespacesAndNewlines) == proposed)
        #expect(try wiki.tip() == tip)
    }

    @Test("With the nobody policy a push is refused and no pack reaches the repository")
    func nobodyMayPush() throws {
        let (wiki, shim) = try served(permissions: .nobody)
        let directory = try clone(wiki, shim, version: 0, name: "clone")
        let before = try ProtocolFixtures.packFiles(wiki), tip = try wiki.tip()
        try ProtocolFixtures.commit(wiki, in: directory, file: "New.md", text: "new\n")
        let result = try wiki.runGit(["-C", directory.path, "push", "origin", "HEAD:main"], inRepository: false)
        #expect(result.status != 0)
        #expect(result.error.contains("permission denied"))
        #expect(try wiki.tip() == tip)
        #expect(try ProtocolFixtures.packFiles(wiki) == before)
    }

    @Test("A web edit and a push at the same time both land or the push is told to fetch first; nothing is lost")
    func concurrentSaveAndPush() throws {
        let (wiki, shim) = try served()
        let directory = try clone(wiki, shim, version: 0, name: "clone")
        let pushed = try ProtocolFixtures.commit(wiki, in: directory, file: "Pushed.md", text: "pushed\n")
        let base = try wiki.tip()
        let saver = Thread { _ = try? wiki.save("Home", "edited on the web\n", base: base) }
        saver.start()
        let result = try wiki.runGit(["-C", directory.path, "push", "origin", "HEAD:main"], inRepository: false)
        while !saver.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        #expect(try wiki.text("Home") == "edited on the web\n")
        if result.status == 0 {
            #expect(try wiki.git("merge-base", "--is-ancestor", pushed, "main").isEmpty)
        } else {
            #expect(result.error.contains("fetch first"))
        }
        try wiki.expectConsistent()
    }
}
