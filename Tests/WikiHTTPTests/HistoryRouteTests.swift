import Foundation
import Testing
import WikiStore
@testable import WikiHTTP

/// `/history/{page}` over a real server and repository.
@Suite struct HistoryRouteTests {
    @Test("History lists the page's commits newest first across a rename, with the old path shown")
    func followsRename() throws {
        let site = try ReadingSite()
        let first = try site.save("docs/old", "one\n", message: "Create old")
        try site.save("Other", "x\n", message: "Unrelated")
        let second = try site.save("docs/old", "one\ntwo\n", author: "Grace Hopper", message: "Second line")
        let third = try site.wiki.rename(try PageName("docs/old"), to: try PageName("docs/new"),
                                         author: Person(name: "Ada Lovelace", email: "ada@example.com"), message: "Rename")
        let fourth = try site.save("docs/new", "one\ntwo\nthree\n", message: "Third line")
        let response = try site.get("/history/docs/new")
        #expect(response.status == 200)
        let body = response.text
        let offsets = [fourth, third, second, first].map { ReadingSite.offset(of: "/commit/\($0.id)", in: body) }
        #expect(offsets == offsets.sorted() && offsets.last != Int.max)
        #expect(!body.contains("Unrelated"))
        #expect(body.contains("Grace Hopper"))
        #expect(body.contains("/wiki/docs/old?rev=\(second.id)"))
        #expect(body.contains("/wiki/docs/new?rev=\(fourth.id)"))
        #expect(body.contains("/diff/docs/old?to=\(first.id)"))
        #expect(body.contains("action=\"/diff/docs/new\""))
        #expect(body.contains("name=\"to\" value=\"\(fourth.id)\" aria-label=\"Compare to \(fourth.shortID)\" checked"))
        #expect(body.contains("name=\"from\" value=\"\(third.id)\" aria-label=\"Compare from \(third.shortID)\" checked"))
        #expect(!body.contains("/revert/"), "no revert form for an anonymous reader")
    }

    @Test("History pages by 50 with older and newer links")
    func pagination() throws {
        let site = try ReadingSite()
        for index in 1...55 { try site.save("Busy", "version \(index)\n", message: "Edit number \(index)") }
        let first = try site.get("/history/Busy")
        #expect(ReadingSite.count("name=\"from\"", in: first.text) == 50)
        #expect(first.text.contains("Edit number 55<") && !first.text.contains("Edit number 5<"))
        #expect(first.text.contains("href=\"/history/Busy?page=2\""))
        let second = try site.get("/history/Busy?page=2")
        #expect(ReadingSite.count("name=\"from\"", in: second.text) == 5)
        #expect(second.text.contains("Edit number 5<") && second.text.contains("Edit number 1<"))
        #expect(second.text.contains("href=\"/history/Busy\" rel=\"prev\""))
        #expect(!second.text.contains("page=3"))
    }

    @Test("History answers 404 for a missing page, 400 for a bad page number, and 304 for its ETag")
    func statuses() throws {
        let site = try ReadingSite()
        try site.save("Home", "hi\n")
        #expect(try site.get("/history/Nope").status == 404)
        #expect(try site.get("/history/Home?page=zero").status == 400)
        #expect(try site.get("/history/Home?page=0").status == 400)
        let response = try site.get("/history/Home")
        let tag = try #require(response.header("ETag"))
        #expect(try site.get("/history/Home", "If-None-Match: \(tag)\r\n").status == 304)
        try site.save("Home", "changed\n")
        #expect(try site.get("/history/Home", "If-None-Match: \(tag)\r\n").status == 200)
    }

    @Test("Commit messages, author names and page names are escaped in the history")
    func escaping() throws {
        let site = try ReadingSite()
        try site.save("Q&A", "x\n", author: "Eve \"&\" O'Brien", message: "<script>alert(1)</script>")
        let body = try site.get("/history/Q%26A").text
        #expect(!body.contains("<script>"))
        #expect(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(body.contains("Eve &quot;&amp;&quot; O'Brien"))
        #expect(body.contains("History of Q&amp;A"))
    }
}

/// Who sees what in the history.
@Suite struct HistoryAccessTests {
    @Test("An editor gets a revert form per revision posting rev and csrf; a reader gets none")
    func revertForms() throws {
        let editor = try ReadingSite(user: User(name: "ed", email: "ed@example.com", role: .editor, passwordHash: "x"))
        let first = try editor.save("Home", "one\n")
        let second = try editor.save("Home", "two\n")
        let body = try editor.get("/history/Home").text
        for revision in [first, second] {
            #expect(body.contains("<form id=\"revert-\(revision.shortID)\" class=\"hidden-form\" action=\"/revert/Home\" method=\"post\">"
                + "<input type=\"hidden\" name=\"rev\" value=\"\(revision.id)\"><input type=\"hidden\" name=\"csrf\" value=\"\(ReadingSite.csrf)\"></form>"))
            #expect(body.contains("form=\"revert-\(revision.shortID)\">Revert</button>"))
        }
        let reader = try ReadingSite(user: User(name: "rd", email: "rd@example.com", role: .reader, passwordHash: "x"))
        try reader.save("Home", "one\n")
        #expect(!(try reader.get("/history/Home").text.contains("Revert")))
    }

    @Test("Without anonymous reading, every reading route asks an anonymous visitor to sign in")
    func needsReader() throws {
        let site = try ReadingSite(anonymousRead: false)
        let revision = try site.save("Home", "one\n")
        try site.wiki.upload(path: "a.txt", bytes: [1], author: Person(name: "A", email: "a@example.com"))
        for path in ["/history/Home", "/diff/Home", "/blame/Home", "/commit/\(revision.id)", "/pages", "/changes",
                     "/changes.atom", "/files/a.txt"] {
            let response = try site.get(path)
            #expect(response.status == 401, "\(path)")
            #expect(response.header("WWW-Authenticate")?.hasPrefix("Basic") == true, "\(path)")
        }
    }
}
