import Foundation
import Testing
@testable import WikiStore

@Suite("Opening and reading")
struct ReadTests {
    @Test("open refuses a missing path, a plain directory and a non-bare repository with a reason")
    func openErrors() throws {
        try withWiki { (wiki) throws in
            let plain = wiki.root.appendingPathComponent("plain")
            try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
            let work = wiki.root.appendingPathComponent("work")
            #expect(try wiki.runGit(["init", "-q", work.path], inRepository: false).status == 0)
            let file = wiki.root.appendingPathComponent("file.txt")
            try Data("x".utf8).write(to: file)
            let cases = [(wiki.root.appendingPathComponent("missing").path, "no such directory"), (file.path, "not a directory"),
                         (plain.path, "not a git repository"), (work.path, "not a bare repository")]
            for (path, reason) in cases {
                #expect {
                    try Wiki.open(at: path)
                } throws: { error in
                    guard case StoreError.notAWiki(_, let why) = error else { return false }
                    return why.contains(reason)
                }
            }
            #expect(try Wiki.open(at: wiki.path).path == wiki.path)
        }
    }

    @Test("create refuses a non-empty directory and leaves it alone")
    func createOnNonEmpty() throws {
        try withWiki(pages: ["Home": "h\n"]) { (wiki) throws in
            #expect(throws: StoreError.wikiExists(wiki.path)) { try Wiki.create(at: wiki.path) }
            let text = try wiki.text("Home")
            #expect(text == "h\n")
        }
    }

    @Test("create accepts an existing empty directory and makes HEAD point at an unborn main")
    func createInEmptyDirectory() throws {
        try withWiki { (wiki) throws in
            let empty = wiki.root.appendingPathComponent("empty.git")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            let created = try Wiki.create(at: empty.path)
            #expect(try created.head() == nil)
            let head = try String(contentsOf: empty.appendingPathComponent("HEAD"), encoding: .utf8)
            #expect(head == "ref: refs/heads/main\n")
        }
    }

    @Test("file() refuses a bad path and reports a missing file by its path")
    func fileErrors() throws {
        try withWiki(pages: ["Home": "h\n"]) { (wiki) throws in
            #expect(throws: StoreError.fileNotFound("images/none.png")) { try wiki.wiki.file("images/none.png") }
            #expect {
                try wiki.wiki.file("../etc/passwd")
            } throws: { error in
                if case StoreError.invalidPath("../etc/passwd", _) = error { true } else { false }
            }
            #expect(throws: StoreError.fileNotFound("runbooks")) { try wiki.wiki.file("runbooks") }
        }
    }

    @Test("An empty wiki reads as empty: no head, no pages, page not found")
    func unborn() throws {
        try withWiki { (wiki) throws in
            #expect(try wiki.wiki.head() == nil)
            #expect(try wiki.wiki.pages().isEmpty)
            let home = try PageName("Home")
            #expect(throws: StoreError.pageNotFound(home)) { try wiki.wiki.page(home) }
        }
    }

    @Test("A page reads at the tip, at a full and at an abbreviated revision")
    func revisions() throws {
        try withWiki(pages: ["Home": "v1\n"]) { (wiki) throws in
            let first = try wiki.tip()
            try wiki.save("Home", "v2\n", base: first)
            #expect(try wiki.text("Home") == "v2\n")
            #expect(try wiki.wiki.page(PageName("Home"), at: first.description).text == "v1\n")
            #expect(try wiki.wiki.page(PageName("Home"), at: first.shortID).text == "v1\n")
            #expect(try wiki.wiki.resolve(revision: first.shortID.uppercased()) == first)
            #expect(first.shortID == String(try wiki.git("rev-parse", "--short=7", first.description).prefix(7)))
        }
    }

    @Test("Bad revisions: invalid, not found, and a blob id is not a commit", arguments: [
        ("xyz1234", "invalid"), ("abc", "invalid"), (String(repeating: "a", count: 41), "invalid"), ("0000000", "notFound"),
    ])
    func badRevisions(_ revision: String, _ kind: String) throws {
        try withWiki(pages: ["Home": "h\n"]) { (wiki) throws in
            #expect {
                try wiki.wiki.resolve(revision: revision)
            } throws: { error in
                switch error {
                case StoreError.invalidRevision(revision): kind == "invalid"
                case StoreError.revisionNotFound(revision): kind == "notFound"
                default: false
                }
            }
            let blob = try wiki.git("rev-parse", "main:Home.md").trimmingCharacters(in: .newlines)
            #expect(throws: StoreError.revisionNotFound(blob)) { try wiki.wiki.resolve(revision: blob) }
        }
    }

    @Test("The listing holds pages, attachments and folders, sorted, with git's sizes and ids")
    func listing() throws {
        try withWiki(pages: ["Home": "home\n", "runbooks/db-failover": "steps\n", "_Sidebar": "side\n"]) { (wiki) throws in
            try wiki.wiki.upload(path: "runbooks/diagram.png", bytes: [1, 2, 3], author: TemporaryWiki.author)
            let entries = try wiki.wiki.pages()
            #expect(entries.map(\.path) == ["Home.md", "_Sidebar.md", "runbooks", "runbooks/db-failover.md", "runbooks/diagram.png"])
            #expect(entries.map(\.kind) == [.page, .page, .folder, .page, .attachment])
            #expect(entries.map(\.size) == [5, 5, 0, 6, 3])
            #expect(entries[3].pageName == (try PageName("runbooks/db-failover")))
            let gitIDs = try wiki.git("ls-tree", "-r", "-t", "--format=%(objectname)", "main").split(separator: "\n").map(String.init)
            #expect(entries.map(\.blobID.description) == gitIDs)
        }
    }

    @Test("Sidebar and footer come from the page's folder, else the nearest folder above")
    func nearestSpecial() throws {
        try withWiki(pages: ["_Sidebar": "root side\n", "ops/_Sidebar": "ops side\n", "ops/db/failover": "f\n", "Home": "h\n",
                             "ops/db/_Footer": "db foot\n"]) { (wiki) throws in
            let failover = try PageName("ops/db/failover"), home = try PageName("Home")
            #expect(wiki.wiki.nearest("_Sidebar", for: failover)?.text == "ops side\n")
            #expect(wiki.wiki.nearest("_Sidebar", for: home)?.text == "root side\n")
            #expect(wiki.wiki.nearest("_Footer", for: failover)?.text == "db foot\n")
            #expect(wiki.wiki.nearest("_Footer", for: home) == nil)
        }
    }

    @Test("A GitHub wiki's files committed by git serve unchanged")
    func githubWiki() throws {
        try withWiki(pages: ["Home": "h\n"]) { (wiki) throws in
            try wiki.externalCommit(file: "Page-Name.md", text: "from github\n")
            #expect(try wiki.wiki.page(PageName(filePath: "Page-Name.md")).text == "from github\n")
            #expect(try wiki.wiki.file("Page-Name.md").bytes == Array("from github\n".utf8))
        }
    }
}
