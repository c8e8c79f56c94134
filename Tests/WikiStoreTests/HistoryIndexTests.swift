import Foundation
import Testing
@testable import WikiStore

@Suite("The history index against the history walk and git log --follow")
struct HistoryIndexTests {
    /// A history with renames (into and out of folders), merges (`--no-ff`, both sides changed), a delete and a
    /// re-creation, a mode change and a page edited on a branch, built with the git CLI and pushed.
    static func mixedWiki() throws -> TemporaryWiki {
        let wiki = try TemporaryWiki()
        let clone = try WorkingClone(wiki)
        try clone.write("A.md", "alpha\none\ntwo\nthree\nfour\nfive\n")
        try clone.write("B.md", "bravo\n1\n2\n3\n")
        try clone.write("docs/C.md", "charlie\nx\ny\nz\nw\n")
        try clone.commit("Create A, B and docs/C")
        try clone.write("A.md", "alpha\none\ntwo, edited\nthree\nfour\nfive\n")
        try clone.commit("Edit A")
        try clone.git("checkout", "-q", "-b", "feature")
        try clone.write("B.md", "bravo\n1\n2, on the branch\n3\n")
        try clone.commit("Edit B on a branch")
        try clone.git("mv", "A.md", "docs/A2.md")
        try clone.commit("Rename A to docs/A2 on the branch")
        try clone.git("checkout", "-q", "main")
        try clone.write("docs/C.md", "charlie\nx\ny, on main\nz\nw\n")
        try clone.commit("Edit C on main")
        try clone.git("merge", "-q", "--no-ff", "-m", "Merge feature", "feature")
        try clone.git("rm", "-q", "B.md")
        try clone.commit("Delete B")
        try clone.write("B.md", "bravo again\nnew text\n")
        try clone.commit("Re-create B")
        try clone.git("mv", "docs/C.md", "C.md")
        try clone.write("C.md", "charlie\nx\ny, on main\nz\nw\nand more\n")
        try clone.commit("Move C up and extend it")
        try clone.makeExecutable("B.md")
        try clone.commit("Make B executable")
        try clone.git("checkout", "-q", "-b", "side")
        try clone.write("docs/A2.md", "alpha\none\ntwo, edited\nthree\nfour\nfive\nsix\n")
        try clone.commit("Extend A2 on a side branch")
        try clone.git("checkout", "-q", "main")
        try clone.write("C.md", "charlie\nx\ny, on main\nz\nw\nand more\nand even more\n")
        try clone.commit("Extend C")
        try clone.git("merge", "-q", "--no-ff", "-m", "Merge side", "side")
        try clone.git("push", "-q", "origin", "main")
        return wiki
    }

    /// Every path main's history ever had, plus one it never had.
    static func allPaths(_ wiki: TemporaryWiki) throws -> [String] {
        let names = try wiki.git("log", "--format=", "--name-only", "-m", "main").split(separator: "\n").map(String.init)
        return Set(names).sorted() + ["Never.md"]
    }

    @Test("Every path's history equals the walk and git log --follow --first-parent, merges and renames included")
    func matchesWalkAndGit() throws {
        let wiki = try Self.mixedWiki()
        for path in try Self.allPaths(wiki) {
            let ours = try wiki.wiki.history(of: PageName(filePath: path), limit: Wiki.maximumLimit)
            #expect(ours.map(\.reference) == (try ReferenceHistory.history(of: path, in: wiki.wiki)), "\(path)")
            let git = try wiki.git("log", "--follow", "--first-parent", "--format=%H", "main", "--", path)
            #expect(ours.map(\.commit.id.description) == git.split(separator: "\n").map(String.init), "\(path)")
        }
        let a2 = try wiki.wiki.history(of: PageName("docs/A2"), limit: 10)
        #expect(a2.map(\.change) == [.modified, .renamed, .modified, .added])
        #expect(a2.map(\.commit.summary) == ["Merge side", "Merge feature", "Edit A", "Create A, B and docs/C"])
        let b = try wiki.wiki.history(of: PageName("B"), limit: 10)
        #expect(b.map(\.change) == [.modified, .added, .deleted, .modified, .added])
        #expect(b.first?.commit.summary == "Make B executable")
        try wiki.expectConsistent()
    }

    @Test("Pages of two joined with after equal the whole history; a cursor off main gives nothing")
    func paginates() throws {
        let wiki = try Self.mixedWiki()
        let name = try PageName("C")
        let all = try wiki.wiki.history(of: name, limit: 100)
        var joined: [HistoryEntry] = []
        var after: String?
        while true {
            let page = try wiki.wiki.history(of: name, limit: 2, after: after)
            joined += page
            guard page.count == 2, let last = page.last else { break }
            after = last.commit.id.description
        }
        #expect(joined == all)
        #expect(all.count == 4)
        let branchOnly = try wiki.git("rev-parse", "main^2").trimmingCharacters(in: .newlines)
        #expect(try wiki.wiki.history(of: name, limit: 10, after: branchOnly).isEmpty)
    }

    @Test("Recent changes page through main's first parents as git log --first-parent does; a branch cursor walks the branch")
    func recentChanges() throws {
        let wiki = try Self.mixedWiki()
        let expected = try wiki.git("log", "--first-parent", "--format=%H", "main").split(separator: "\n").map(String.init)
        var seen: [String] = []
        var after: String?
        while true {
            let page = try wiki.wiki.recentChanges(limit: 3, after: after)
            seen += page.map(\.commit.id.description)
            guard let last = page.last, page.count == 3 else { break }
            after = last.commit.id.description
        }
        #expect(seen == expected)
        let branch = try wiki.git("rev-parse", "main^2").trimmingCharacters(in: .newlines)
        let fromBranch = try wiki.wiki.recentChanges(limit: 100, after: branch).map(\.commit.id.description)
        let branchLog = try wiki.git("log", "--first-parent", "--format=%H", branch).split(separator: "\n").dropFirst()
        #expect(fromBranch == branchLog.map(String.init))
    }

    @Test("lastChange is the first history entry's commit, and nil for a page never written")
    func lastChange() throws {
        let wiki = try Self.mixedWiki()
        for path in try Self.allPaths(wiki) {
            let name = try PageName(filePath: path)
            #expect(try wiki.wiki.lastChange(of: name) == wiki.wiki.history(of: name, limit: 1).first?.commit, "\(path)")
        }
        #expect(try wiki.wiki.lastChange(of: PageName("Never")) == nil)
        let empty = try TemporaryWiki()
        #expect(try empty.wiki.lastChange(of: PageName("Home")) == nil)
    }

    @Test("With the indexes built in the background, a page's last change is nil until the build, then its commit")
    func lastChangeDoesNotBuildForServe() throws {
        let wiki = try Self.mixedWiki()
        let name = try PageName("C")
        let expected = try wiki.wiki.history(of: name, limit: 1).first?.commit
        #expect(expected != nil)
        let file = wiki.wiki.path + "/opswiki/history-v1.idx"
        try? FileManager.default.removeItem(atPath: file)
        let served = try Wiki.open(at: wiki.wiki.path)
        served.indexesWillBuildInBackground()
        #expect(try served.lastChange(of: name) == nil)
        #expect(!FileManager.default.fileExists(atPath: file), "a page view must not build the index from scratch")
        try served.warmIndexes()
        #expect(try served.lastChange(of: name) == expected)
        // After a restart the stored file is loaded at once: nothing is left out.
        let restarted = try Wiki.open(at: wiki.wiki.path)
        restarted.indexesWillBuildInBackground()
        #expect(try restarted.lastChange(of: name) == expected)
    }

    @Test("The index follows a web save, an outside commit and a push into the bare repository")
    func extendsIncrementally() throws {
        let wiki = try Self.mixedWiki()
        let name = try PageName("C")
        try wiki.wiki.warmIndexes()
        let before = try wiki.wiki.history(of: name, limit: 100)
        try wiki.save("C", "rewritten on the web\n", base: try wiki.tip(), message: "Web edit")
        try wiki.externalCommit(file: "C.md", text: "written by git commit-tree\n")
        let clone = try WorkingClone(wiki)
        try clone.move("C.md", to: "pushed/C.md")
        try clone.commit("Rename C in a clone")
        try clone.git("push", "-q", "origin", "main")
        let moved = try wiki.wiki.history(of: PageName("pushed/C"), limit: 100)
        #expect(moved.map(\.commit.summary).prefix(3) == ["Rename C in a clone", "external push", "Web edit"])
        #expect(Array(moved.dropFirst(3)) == before)
        #expect(moved.map(\.reference) == (try ReferenceHistory.history(of: "pushed/C.md", in: wiki.wiki)))
        // A second Wiki on the same repository (another process) loads the stored file and extends it too.
        try wiki.wiki.warmIndexes()
        try wiki.save("pushed/C", "once more\n", base: try wiki.tip(), message: "Edit after store")
        let other = try Wiki.open(at: wiki.path)
        #expect(try other.history(of: PageName("pushed/C"), limit: 100).map(\.commit.summary).first == "Edit after store")
    }

    @Test("Main forced back and onto another line is reindexed from the fork point")
    func forcedMove() throws {
        let wiki = try Self.mixedWiki()
        try wiki.wiki.warmIndexes()
        let fork = try wiki.git("rev-parse", "main~2").trimmingCharacters(in: .newlines)
        try wiki.git("update-ref", "refs/heads/main", fork)
        for path in try Self.allPaths(wiki) {
            let ours = try wiki.wiki.history(of: PageName(filePath: path), limit: 100).map(\.reference)
            #expect(ours == (try ReferenceHistory.history(of: path, in: wiki.wiki)), "\(path) after the reset")
        }
        try wiki.save("C", "another line of history\n", base: try wiki.tip(), message: "New line")
        try wiki.wiki.warmIndexes()
        let stored = try #require(try HistoryTable.load(from: wiki.wiki.historyIndex.file))
        #expect(stored.tip == (try wiki.tip()).id)
        // An unrelated root (nothing in common with the index) rebuilds from scratch.
        let tree = try wiki.git("hash-object", "-t", "tree", "-w", "--stdin").trimmingCharacters(in: .newlines)
        let root = try wiki.git("commit-tree", tree, "-m", "Unrelated root").trimmingCharacters(in: .newlines)
        try wiki.git("update-ref", "refs/heads/main", root)
        #expect(try wiki.wiki.history(of: PageName("C"), limit: 10).isEmpty)
        try wiki.externalCommit(file: "C.md", text: "fresh\n")
        #expect(try wiki.wiki.history(of: PageName("C"), limit: 10).map(\.change) == [.added])
    }

    @Test("A damaged index file is refused and rebuilt", arguments: ["truncate", "flip", "garbage", "empty"])
    func damagedFile(_ damage: String) throws {
        let wiki = try Self.mixedWiki()
        try wiki.wiki.warmIndexes()
        let file = wiki.wiki.historyIndex.file
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        switch damage {
        case "truncate": bytes.removeLast(bytes.count / 3)
        case "flip": bytes[bytes.count / 2] ^= 0x40
        case "garbage": bytes = Array("not an index at all".utf8)
        default: bytes = []
        }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        #expect(throws: IndexFileError.self) { try HistoryTable(decoding: bytes) }
        let reopened = try Wiki.open(at: wiki.path)
        for path in try Self.allPaths(wiki) {
            let ours = try reopened.history(of: PageName(filePath: path), limit: 100).map(\.reference)
            #expect(ours == (try ReferenceHistory.history(of: path, in: reopened)), "\(path)")
        }
        try reopened.warmIndexes()
        let rebuilt = try #require(try HistoryTable.load(from: file))
        #expect(rebuilt.tip == (try wiki.tip()).id)
        #expect(rebuilt.encoded() != bytes)
    }

    @Test("The stored form decodes to an equal table")
    func roundTrip() throws {
        let wiki = try Self.mixedWiki()
        try wiki.wiki.warmIndexes()
        let stored = try #require(try HistoryTable.load(from: wiki.wiki.historyIndex.file))
        let built = try wiki.wiki.withRepository { repo in
            var table = HistoryTable()
            _ = try HistoryIndex.extend(&table, to: repo.branchTip(), in: repo)
            return table
        }
        #expect(stored == built)
        #expect(try HistoryTable(decoding: built.encoded()) == built)
        #expect(stored.commitCount == (try wiki.commitCount()) - 3)
    }

    @Test("Readers running while a writer extends the index see a consistent history")
    func concurrentReaders() throws {
        let wiki = try TemporaryWiki(pages: ["Home": "0\n"])
        let name = try PageName("Home")
        let edits = 15
        let results = try race(threads: 4) { index -> [[ObjectID]] in
            if index == 0 {
                for edit in 1...edits { try wiki.save("Home", "\(edit)\n", base: try wiki.tip()) }
                return []
            }
            return try (0..<30).map { _ in try wiki.wiki.history(of: name, limit: 100).map(\.commit.id) }
        }
        let final = try wiki.wiki.history(of: name, limit: 100).map(\.commit.id)
        #expect(final.count == edits + 1)
        for seen in results.joined() {
            // Any tip's history of Home is a suffix of the final one: same commits, same order, none missing.
            #expect(Array(final.suffix(seen.count)) == seen)
        }
    }
}
