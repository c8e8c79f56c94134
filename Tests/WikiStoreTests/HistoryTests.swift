import Foundation
import Testing
@testable import WikiStore

@Suite("History, commits and recent changes against git log")
struct HistoryTests {
    /// Old (2 edits) → renamed to dir/New → edited, with unrelated commits between.
    private func renamedWiki() throws -> TemporaryWiki {
        let wiki = try TemporaryWiki()
        try wiki.save("Old", "first line\nsecond line\nthird line\n", base: nil, message: "Create Old")
        try wiki.save("Other", "unrelated\n", base: nil)
        try wiki.save("Old", "first line\nsecond line, edited\nthird line\n", base: try wiki.tip(), message: "Edit Old")
        try wiki.wiki.rename(PageName("Old"), to: PageName("dir/New"), author: TemporaryWiki.author)
        try wiki.save("dir/New", "first line\nsecond line, edited\nthird line\nfourth line\n", base: try wiki.tip(), message: "Extend New")
        try wiki.save("Other", "unrelated, edited\n", base: try wiki.tip())
        return wiki
    }

    @Test("History follows a rename and lists the same commits as git log --follow")
    func followsRename() throws {
        let wiki = try renamedWiki()
        let history = try wiki.wiki.history(of: PageName("dir/New"), limit: 100)
        let expected = try wiki.git("log", "--follow", "--format=%H", "main", "--", "dir/New.md").split(separator: "\n").map(String.init)
        #expect(history.map(\.commit.id.description) == expected)
        #expect(history.map(\.change) == [.modified, .renamed, .modified, .added])
        #expect(history.map(\.path) == ["dir/New.md", "dir/New.md", "Old.md", "Old.md"])
        #expect(history[1].previousPath == "Old.md")
        #expect(history.map(\.commit.summary) == ["Extend New", "Rename Old to dir/New", "Edit Old", "Create Old"])
        try wiki.expectConsistent()
    }

    @Test("History pages with limit and after join up to the whole history")
    func paginates() throws {
        let wiki = try renamedWiki()
        let name = try PageName("dir/New")
        let all = try wiki.wiki.history(of: name, limit: 100)
        let first = try wiki.wiki.history(of: name, limit: 3)
        let cursor = try #require(first.last).commit.revision.shortID
        let rest = try wiki.wiki.history(of: name, limit: 3, after: cursor)
        #expect(first.count == 3)
        #expect(first + rest == all)
        #expect(throws: StoreError.self) { try wiki.wiki.history(of: name, limit: 0) }
        try wiki.expectConsistent()
    }

    @Test("A deleted page's history starts with the deletion")
    func deletedPage() throws {
        try withWiki(pages: ["Gone": "x\n"]) { (wiki) throws in
            try wiki.wiki.delete(PageName("Gone"), author: TemporaryWiki.author)
            let history = try wiki.wiki.history(of: PageName("Gone"), limit: 10)
            #expect(history.map(\.change) == [.deleted, .added])
            let expected = try wiki.git("log", "--format=%H", "main", "--", "Gone.md").split(separator: "\n").map(String.init)
            #expect(history.map(\.commit.id.description) == expected)
        }
    }

    @Test("Commit details list the same files and statuses as git diff-tree -M")
    func commitDetails() throws {
        let wiki = try renamedWiki()
        try wiki.externalCommit(file: "images/a.png", text: "not really a png\n")
        for revision in try wiki.git("rev-list", "main").split(separator: "\n").map(String.init) {
            let details = try wiki.wiki.commit(revision)
            let ours = details.files.map { file -> String in
                switch file.change {
                case .added: "A \(file.path)"
                case .deleted: "D \(file.path)"
                case .modified: "M \(file.path)"
                case .renamed: "R \(file.oldPath ?? "") \(file.path)"
                case .typeChanged: "T \(file.path)"
                }
            }.sorted()
            let theirs = try wiki.git("diff-tree", "--root", "-r", "-M", "--name-status", "--no-commit-id", revision)
                .split(separator: "\n").map { line -> String in
                    let fields = line.split(separator: "\t").map(String.init)
                    return ([String(fields[0].prefix(1))] + fields.dropFirst()).joined(separator: " ")
                }.sorted()
            #expect(ours == theirs, "commit \(revision)")
            #expect(details.commit.id.description == revision)
            #expect(details.commit.message == (try wiki.git("log", "-1", "--format=%B", revision).dropLast().description))
        }
        try wiki.expectConsistent()
    }

    @Test("Commit values decode author, committer, parents and dates as git prints them")
    func commitValues() throws {
        try withWiki { (wiki) throws in
            let author = Person(name: "Zoë Ops", email: "zoe@example.com", date: Date(timeIntervalSince1970: 1_700_000_000))
            try wiki.save("Home", "a\n", base: nil, author: author, message: "First\n\nBody text")
            try wiki.save("Home", "b\n", base: try wiki.tip(), message: "Second")
            let commit = try wiki.wiki.commit(try wiki.tip().shortID).commit
            let first = try wiki.wiki.commit(try #require(commit.parents.first).description).commit
            #expect(first.author == author)
            #expect(first.summary == "First")
            #expect(first.message == "First\n\nBody text\n")
            #expect(first.parents.isEmpty)
            #expect(commit.committer.name == "opswiki")
            #expect(try wiki.git("log", "-1", "--format=%at %an", first.id.description) == "1700000000 Zoë Ops\n")
        }
    }

    @Test("Recent changes are newest first with their files, and page on with after")
    func recentChanges() throws {
        let wiki = try renamedWiki()
        let recent = try wiki.wiki.recentChanges(limit: 2)
        let summaries = try wiki.git("log", "--format=%s", "main").split(separator: "\n").map(String.init)
        #expect(recent.map(\.commit.summary) == Array(summaries.prefix(2)))
        #expect(recent.map { $0.files.map(\.path) } == [["Other.md"], ["dir/New.md"]])
        let next = try wiki.wiki.recentChanges(limit: 10, after: try #require(recent.last).commit.id.description)
        #expect(next.map(\.commit.summary) == Array(summaries.dropFirst(2)))
        try wiki.expectConsistent()
    }
}
