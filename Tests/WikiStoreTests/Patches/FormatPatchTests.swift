import Foundation
import Testing
@testable import WikiStore

/// `Wiki.formatPatch` checked by the real `git am` in a clone at the parent.
@Suite struct FormatPatchTests {
    /// The non-ASCII author of the exported commits.
    private static let author = Person(name: "Jörg Müller", email: "joerg@example.com", date: Date(timeIntervalSince1970: 1_709_267_400))

    /// Runs `git am` on `mbox` in a repository holding the wiki's commits, checked out at `parent`
    /// (nil: an unborn branch), and returns that repository.
    private func am(_ mbox: [UInt8], wiki: TemporaryWiki, parent: ObjectID?) throws -> PatchWorkTree {
        let clone = try PatchWorkTree()
        try clone.git("fetch", "-q", wiki.path, "main")
        if let parent { try clone.git("checkout", "-q", parent.description) }
        let file = clone.root.appendingPathComponent("export.mbox")
        try Data(mbox).write(to: file)
        try clone.git("am", "-q", file.path)
        return clone
    }

    /// The `git log` format comparing a commit's author, date (with zone) and message.
    private static let authorAndMessage = "--format=%an|%ae|%ad|%B"

    @Test("git am of the export in a clone at the parent gives the same tree, author, date and message")
    func roundTrip() throws {
        let wiki = try TemporaryWiki(pages: ["Home": "one\ntwo\nthree\n", "Old": "old\n"])
        let parent = try wiki.tip().id
        try wiki.save("Home", "one\nTWO\nthree\nfour\n", base: try wiki.tip(), author: Self.author,
                      message: "Füx the runbook’s second step, with a subject long enough to need folding in the header\n\nBody line.\n\nAnother paragraph.")
        let commit = try wiki.tip().id
        let mbox = try wiki.wiki.formatPatch(commit.description)
        let text = String(decoding: mbox, as: UTF8.self)
        #expect(text.hasPrefix("From \(commit) Mon Sep 17 00:00:00 2001\nFrom: =?UTF-8?q?J=C3=B6rg=20M=C3=BCller?= <joerg@example.com>\n"))
        #expect(text.contains("\nSubject: [PATCH] =?UTF-8?q?F=C3=BCx"))
        #expect(text.contains("\nContent-Type: text/plain; charset=UTF-8\n"))
        let headerBlock = text.components(separatedBy: "\n\n").first ?? ""
        #expect(!headerBlock.unicodeScalars.contains { !$0.isASCII }, "\(headerBlock)")

        let clone = try am(mbox, wiki: wiki, parent: parent)
        #expect(try clone.git("rev-parse", "HEAD^{tree}") == (try wiki.git("rev-parse", "\(commit)^{tree}")))
        #expect(try clone.git("log", "-1", "--date=raw", Self.authorAndMessage, "HEAD")
                == (try wiki.git("log", "-1", "--date=raw", Self.authorAndMessage, commit.description)))
        // Our own parser reads the export back to the same author and message.
        let patch = try #require(try Mbox.parse(mbox).first)
        #expect(patch.author == Self.author)
        #expect(patch.message == (try wiki.wiki.commit(commit.description).commit.message))
        let reapplied = try wiki.wiki.applyPatches([patch], onto: parent, committer: .daemon)
        #expect(try wiki.git("rev-parse", "\(reapplied)^{tree}") == (try wiki.git("rev-parse", "\(commit)^{tree}")))
        #expect(try wiki.git("log", "-1", "--date=raw", Self.authorAndMessage, reapplied.description)
                == (try wiki.git("log", "-1", "--date=raw", Self.authorAndMessage, commit.description)))
    }

    @Test("A root commit exports as a diff against the empty tree and applies on an unborn branch")
    func rootCommit() throws {
        let wiki = try TemporaryWiki(pages: ["Home": "hello\n"])
        let root = try wiki.tip().id
        let mbox = try wiki.wiki.formatPatch(root.description)
        #expect(String(decoding: mbox, as: UTF8.self).contains("new file mode 100644"))
        let clone = try am(mbox, wiki: wiki, parent: nil)
        #expect(try clone.git("rev-parse", "HEAD^{tree}") == (try wiki.git("rev-parse", "\(root)^{tree}")))
        #expect(try clone.git("log", "-1", "--date=raw", Self.authorAndMessage, "HEAD")
                == (try wiki.git("log", "-1", "--date=raw", Self.authorAndMessage, root.description)))
    }

    @Test("A rename with an edit and a binary attachment survive the round trip")
    func renameAndBinary() throws {
        let wiki = try TemporaryWiki(pages: ["Old": (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n"])
        let parent = try wiki.tip().id
        let tree = try PatchWorkTree()
        try tree.git("fetch", "-q", wiki.path, "main")
        try tree.git("checkout", "-q", "-b", "main", "FETCH_HEAD")
        try tree.git("mv", "Old.md", "New.md")
        try tree.write("New.md", (1...20).map { "line \($0)" }.joined(separator: "\n") + "\nline 21\n")
        try Data([0, 1, 2, 255, 254, 0, 137, 80, 78, 71]).write(to: tree.directory.appendingPathComponent("image.png"))
        try tree.commit("Rename and attach")
        try tree.git("push", "-q", wiki.path, "main:main")
        let commit = try wiki.tip().id
        let mbox = try wiki.wiki.formatPatch(commit.description)
        let text = String(decoding: mbox, as: UTF8.self)
        #expect(text.contains("rename from Old.md\nrename to New.md\n"))
        #expect(text.contains("GIT binary patch"))
        let clone = try am(mbox, wiki: wiki, parent: parent)
        #expect(try clone.git("rev-parse", "HEAD^{tree}") == (try wiki.git("rev-parse", "\(commit)^{tree}")))
        // applyPatches reads the same export (rename with an edit, literal binary patch) to the same tree.
        let reapplied = try wiki.wiki.applyPatches(try Mbox.parse(mbox), onto: parent, committer: .daemon)
        #expect(try wiki.git("rev-parse", "\(reapplied)^{tree}") == (try wiki.git("rev-parse", "\(commit)^{tree}")))
    }

    @Test("A merge commit cannot be exported; an unknown revision is not found")
    func refusals() throws {
        let wiki = try TemporaryWiki(pages: ["Home": "a\n"])
        let tree = try PatchWorkTree()
        try tree.git("fetch", "-q", wiki.path, "main")
        try tree.git("checkout", "-q", "-b", "main", "FETCH_HEAD")
        try tree.git("checkout", "-q", "-b", "side")
        try tree.write("Side.md", "s\n")
        try tree.commit("side")
        try tree.git("checkout", "-q", "main")
        try tree.write("Main.md", "m\n")
        try tree.commit("main")
        try tree.git("merge", "-q", "--no-edit", "side")
        try tree.git("push", "-q", wiki.path, "main:main")
        let merge = try wiki.tip()
        #expect(throws: StoreError.invalidInput("Commit \(merge.shortID) is a merge commit: a patch is the change against one parent.")) {
            try wiki.wiki.formatPatch(merge.id.description)
        }
        #expect(throws: StoreError.revisionNotFound("1234567")) { try wiki.wiki.formatPatch("1234567") }
    }
}
