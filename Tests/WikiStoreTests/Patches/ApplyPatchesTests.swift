import Foundation
import Testing
@testable import WikiStore

/// `Wiki.applyPatches` with series made by the real `git format-patch`, compared with the author's repository.
@Suite struct ApplyPatchesTests {
    /// The committer of applied patches.
    private static let maintainer = Person(name: "Mae Maintainer", email: "mae@example.com", date: Date(timeIntervalSince1970: 1_710_000_000))

    /// A wiki and an author's repository sharing the wiki's main as their base commit.
    private struct Setup {
        let wiki: TemporaryWiki
        let tree: PatchWorkTree
        let base: ObjectID
    }

    /// Commits `pages` in the author's repository and pushes that commit to the wiki's main.
    private func setUp(_ pages: [String: String]) throws -> Setup {
        let wiki = try TemporaryWiki()
        let tree = try PatchWorkTree()
        for (path, text) in pages { try tree.write(path, text) }
        try tree.commit("Base pages")
        try tree.git("push", "-q", wiki.path, "main:main")
        return Setup(wiki: wiki, tree: tree, base: try wiki.tip().id)
    }

    /// Every ref and the number of commits reachable from them: what "nothing created" is measured by.
    private func referenced(_ wiki: TemporaryWiki) throws -> String {
        try wiki.git("for-each-ref") + (try wiki.git("rev-list", "--all", "--count"))
    }

    @Test("A series of 3 patches becomes 3 commits with the authors, dates (zones kept), messages and tree of the original")
    func seriesMatchesOriginal() throws {
        let setup = try setUp(["Home.md": "one\ntwo\nthree\nfour\nfive\nsix\nseven\n", "Old.md": "old page\n", "Gone.md": "bye\n"])
        let tree = setup.tree
        try tree.write("Home.md", "one\ntwo\nTHREE\nfour\nfive\nsix\nseven\neight\n")
        try tree.commit("Füx the failover runbook\n\nThe third step was wrong.\nSee the incident.\n",
                        author: ("Jörg Müller", "joerg@example.com"), date: "2024-03-01T10:00:00+0530")
        try FileManager.default.createDirectory(at: tree.directory.appendingPathComponent("runbooks"), withIntermediateDirectories: true)
        try tree.git("mv", "Old.md", "runbooks/New.md")
        try tree.write("runbooks/New.md", "old page\nwith an edit\n")
        try tree.commit("Move the old page into runbooks", author: ("Ada Lovelace", "ada@example.com"), date: "2024-03-02T09:30:00-0700")
        try tree.git("rm", "-q", "Gone.md")
        try tree.write("images/diagram.txt", "a diagram\n")
        try tree.commit("Drop Gone, add a diagram\n\nTwo changes.", date: "2024-03-03T12:00:00+0000")

        let patches = try Mbox.parse(try tree.formatPatch("-3"))
        let tip = try setup.wiki.wiki.applyPatches(patches, onto: setup.base, committer: Self.maintainer)

        #expect(try setup.wiki.git("rev-parse", "\(tip)^{tree}") == (try tree.git("rev-parse", "HEAD^{tree}")))
        let format = "--format=%an|%ae|%ad|%B"
        #expect(try setup.wiki.git("log", "--date=raw", format, "\(setup.base)..\(tip)")
                == (try tree.git("log", "--date=raw", format, "HEAD~3..HEAD")))
        #expect(try setup.wiki.git("log", "--format=%cn|%ce|%ct", "-1", tip.description) == "Mae Maintainer|mae@example.com|1710000000\n")
        #expect(try setup.wiki.git("rev-parse", "\(tip)~3") == setup.base.description + "\n")
        // No ref moved: main is still the base.
        #expect(try setup.wiki.tip().id == setup.base)
        try setup.wiki.expectConsistent()
    }

    @Test("A hunk whose context does not match names the file and the hunk; nothing is referenced")
    func contextMismatchNamesFileAndHunk() throws {
        let lines = (1...30).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let setup = try setUp(["A.md": "a\n", "B.md": lines])
        try setup.tree.write("A.md", "a\nA\n")
        try setup.tree.write("B.md", lines.replacingOccurrences(of: "line 2\n", with: "line two\n")
            .replacingOccurrences(of: "line 25\n", with: "line twenty-five\n"))
        try setup.tree.commit("Edit A and B")
        let patches = try Mbox.parse(try setup.tree.formatPatch("-1"))
        // The wiki's B.md changed near line 25 since: the second hunk's context no longer matches.
        try setup.wiki.save("B", lines.replacingOccurrences(of: "line 24\n", with: "line 24 edited\n"), base: try setup.wiki.tip())
        let head = try setup.wiki.tip().id
        let before = try referenced(setup.wiki)

        #expect(throws: StoreError.patchDoesNotApply(file: "B.md", hunk: "@@ -22,7 +22,7 @@", patch: 1)) {
            try setup.wiki.wiki.applyPatches(patches, onto: head, committer: Self.maintainer)
        }
        #expect(try referenced(setup.wiki) == before)
    }

    @Test("Hunks whose lines moved since the patch was made apply where they are now, as git am applies them")
    func offsetSearch() throws {
        let lines = (1...40).map { "line \($0)" }
        let setup = try setUp(["A.md": lines.joined(separator: "\n") + "\n"])
        var edited = lines
        edited[4] = "line five"
        edited[29] = "line thirty"
        try setup.tree.write("A.md", edited.joined(separator: "\n") + "\n")
        try setup.tree.commit("Edit two lines")
        let mbox = try setup.tree.formatPatch("-1")
        // Meanwhile the wiki's page got lines above both hunks and between them.
        let current = ["new 1", "new 2", "new 3"] + lines[0..<15] + ["middle"] + lines[15...]
        try setup.wiki.save("A", current.joined(separator: "\n") + "\n", base: try setup.wiki.tip())
        let head = try setup.wiki.tip().id

        let tip = try setup.wiki.wiki.applyPatches(try Mbox.parse(mbox), onto: head, committer: Self.maintainer)

        // git am does the same in the author's repository, on top of the same page.
        try setup.tree.git("fetch", "-q", setup.wiki.path, "main")
        try setup.tree.git("checkout", "-q", "-b", "wiki", head.description)
        let file = setup.tree.root.appendingPathComponent("p.mbox")
        try Data(mbox).write(to: file)
        try setup.tree.git("am", "-q", file.path)
        #expect(try setup.wiki.git("rev-parse", "\(tip)^{tree}") == (try setup.tree.git("rev-parse", "HEAD^{tree}")))
        let text = try setup.wiki.wiki.page(PageName("A"), at: tip.description).text
        #expect(text.contains("\nline 4\nline five\nline 6\n") && text.contains("\nline 29\nline thirty\nline 31\n"))
    }

    @Test("When a moved hunk applies but a later one does not, the error shows the later hunk as the author wrote it")
    func movedThenFailing() throws {
        let lines = (1...40).map { "line \($0)" }
        let setup = try setUp(["A.md": lines.joined(separator: "\n") + "\n"])
        var edited = lines
        edited[4] = "line five"
        edited[29] = "line thirty"
        try setup.tree.write("A.md", edited.joined(separator: "\n") + "\n")
        try setup.tree.commit("Edit two lines")
        let patches = try Mbox.parse(try setup.tree.formatPatch("-1"))
        var current = ["new 1"] + lines
        current[29] = "line 29 changed"
        try setup.wiki.save("A", current.joined(separator: "\n") + "\n", base: try setup.wiki.tip())
        #expect(throws: StoreError.patchDoesNotApply(file: "A.md", hunk: "@@ -27,7 +27,7 @@", patch: 1)) {
            try setup.wiki.wiki.applyPatches(patches, onto: try setup.wiki.tip().id, committer: Self.maintainer)
        }
    }

    @Test("The second patch of a series failing is reported as patch 2, and the first one's commit stays unreferenced")
    func secondPatchFails() throws {
        let setup = try setUp(["A.md": "a\n"])
        try setup.tree.write("A.md", "a\nb\n")
        try setup.tree.commit("one")
        try setup.tree.write("New.md", "new\n")
        try setup.tree.commit("two")
        let patches = try Mbox.parse(try setup.tree.formatPatch("-2"))
        // The wiki already has New.md: creating it again cannot apply.
        try setup.wiki.save("New", "already here\n", base: try setup.wiki.tip())
        let before = try referenced(setup.wiki)
        #expect(throws: StoreError.patchDoesNotApply(file: "New.md", hunk: "", patch: 2)) {
            try setup.wiki.wiki.applyPatches(patches, onto: try setup.wiki.tip().id, committer: Self.maintainer)
        }
        #expect(try referenced(setup.wiki) == before)
    }

    @Test("Deleting a page that is not there names the page with no hunk")
    func deletingMissingFile() throws {
        let setup = try setUp(["A.md": "a\n", "B.md": "b\n"])
        try setup.tree.git("rm", "-q", "B.md")
        try setup.tree.commit("Drop B")
        let patches = try Mbox.parse(try setup.tree.formatPatch("-1"))
        _ = try setup.wiki.wiki.delete(PageName("B"), author: TemporaryWiki.author, message: "gone already")
        #expect(throws: StoreError.patchDoesNotApply(file: "B.md", hunk: "", patch: 1)) {
            try setup.wiki.wiki.applyPatches(patches, onto: try setup.wiki.tip().id, committer: Self.maintainer)
        }
    }

    @Test("Paths outside the wiki's rules are refused before anything is written", arguments: [
        (".hidden/Page.md", "a segment starts with ."),
        ("README", "an attachment needs a file extension"),
        ("docs/:colon.md", "a segment starts with :"),
    ])
    func refusesPaths(_ path: String, _ reason: String) throws {
        let setup = try setUp(["A.md": "a\n"])
        try setup.tree.write(path, "x\n")
        try setup.tree.commit("Add \(path)")
        let patches = try Mbox.parse(try setup.tree.formatPatch("-1"))
        let before = try setup.wiki.git("count-objects")
        do {
            _ = try setup.wiki.wiki.applyPatches(patches, onto: setup.base, committer: Self.maintainer)
            Issue.record("applied a patch touching \(path)")
        } catch StoreError.invalidInput(let message) {
            #expect(message.contains("\"\(path)\""), "\(message)")
            #expect(message.contains(reason), "\(message)")
        }
        #expect(try setup.wiki.git("count-objects") == before)
    }

    @Test("A symlink is refused")
    func refusesSymlink() throws {
        let setup = try setUp(["A.md": "a\n"])
        try FileManager.default.createSymbolicLink(atPath: setup.tree.directory.appendingPathComponent("link.txt").path,
                                                   withDestinationPath: "/etc/passwd")
        try setup.tree.commit("Add a link")
        let patches = try Mbox.parse(try setup.tree.formatPatch("-1"))
        #expect(throws: StoreError.invalidInput("The patch makes \"link.txt\" a symlink or submodule; the wiki holds regular files only.")) {
            try setup.wiki.wiki.applyPatches(patches, onto: setup.base, committer: Self.maintainer)
        }
    }

    @Test("A diff libgit2 cannot read, and an empty series, are invalid input")
    func unreadableDiff() throws {
        let setup = try setUp(["A.md": "a\n"])
        let broken = PatchEmail(author: TemporaryWiki.author, subject: "x", message: "x\n",
                                diff: Array("diff --git a/A.md b/A.md\n--- a/A.md\n+++ b/A.md\n@@ -x +1 @@\n-a\n+b\n".utf8))
        do {
            _ = try setup.wiki.wiki.applyPatches([broken], onto: setup.base, committer: Self.maintainer)
            Issue.record("applied a broken diff")
        } catch StoreError.invalidInput(let message) {
            #expect(message.hasPrefix("The patch has a diff that cannot be read: "), "\(message)")
        }
        #expect(throws: StoreError.invalidInput("There are no patches to apply.")) {
            try setup.wiki.wiki.applyPatches([], onto: setup.base, committer: Self.maintainer)
        }
    }
}
