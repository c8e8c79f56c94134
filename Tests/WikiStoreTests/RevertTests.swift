import Testing
@testable import WikiStore

@Suite("Reverting one commit's change to a page")
struct RevertTests {
    @Test("An older change is undone while later changes to other lines stay")
    func revertsOlderChange() throws {
        try withWiki(pages: ["Home": "a\nb\nc\nd\ne\n"]) { (wiki) throws in
            try wiki.save("Home", "a\nB\nc\nd\ne\n", base: try wiki.tip(), message: "Capitalise b")
            let target = try wiki.tip()
            try wiki.save("Home", "a\nB\nc\nd\nE\n", base: try wiki.tip())
            let outcome = try wiki.wiki.revert(target.shortID, page: PageName("Home"), author: TemporaryWiki.author)
            guard case .merged(let revision) = outcome else { Issue.record("expected .merged, got \(outcome)"); return }
            #expect(try wiki.text("Home") == "a\nb\nc\nd\nE\n")
            #expect(try wiki.git("log", "-1", "--format=%s", revision.description) == "Revert \"Capitalise b\" on Home\n")
        }
    }

    @Test("Reverting the latest change commits the previous text")
    func revertsLatest() throws {
        try withWiki(pages: ["Home": "old\n"]) { (wiki) throws in
            try wiki.save("Home", "new\n", base: try wiki.tip())
            let outcome = try wiki.wiki.revert(try wiki.tip().description, page: PageName("Home"), author: TemporaryWiki.author)
            #expect(outcome.revision != nil)
            if case .committed = outcome {} else { Issue.record("expected .committed, got \(outcome)") }
            #expect(try wiki.text("Home") == "old\n")
        }
    }

    @Test("A later change to the same line is a conflict and nothing is committed")
    func conflictsWithLaterChange() throws {
        try withWiki(pages: ["Home": "a\nb\nc\n"]) { (wiki) throws in
            try wiki.save("Home", "a\nB\nc\n", base: try wiki.tip())
            let target = try wiki.tip()
            try wiki.save("Home", "a\nBB\nc\n", base: try wiki.tip())
            let count = try wiki.commitCount()
            let outcome = try wiki.wiki.revert(target.description, page: PageName("Home"), author: TemporaryWiki.author)
            guard case .conflict(let conflict) = outcome else { Issue.record("expected .conflict, got \(outcome)"); return }
            #expect(conflict.ours == Array("a\nb\nc\n".utf8))
            #expect(conflict.theirs == Array("a\nBB\nc\n".utf8))
            #expect(try wiki.commitCount() == count)
        }
    }

    @Test("Reverting a page's creation deletes it; a commit that did not touch the page is unchanged")
    func creationAndUntouched() throws {
        try withWiki(pages: ["Home": "h\n"]) { (wiki) throws in
            try wiki.save("New", "n\n", base: nil)
            let creation = try wiki.tip()
            try wiki.save("Home", "h2\n", base: try wiki.tip())
            #expect(try wiki.wiki.revert(creation.description, page: PageName("Home"), author: TemporaryWiki.author) == .unchanged)
            #expect(try wiki.wiki.revert(creation.description, page: PageName("New"), author: TemporaryWiki.author).revision != nil)
            #expect(try wiki.wiki.exists(PageName("New")) == false)
            #expect(try wiki.commitCount() == 4)
        }
    }
}
