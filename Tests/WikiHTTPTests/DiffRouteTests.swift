import Foundation
import Testing
import WikiStore
@testable import WikiHTTP

/// `/diff/{page}` over a real server and repository.
@Suite struct DiffRouteTests {
    @Test("The unified diff marks the removed and added lines and the changed words in them")
    func unifiedMarksWords() throws {
        let site = try ReadingSite()
        try site.save("Page", "first line\nthe old word here\nlast line\n")
        let second = try site.save("Page", "first line\nthe new word here\nlast line\n")
        let response = try site.get("/diff/Page?to=\(second.id)")
        #expect(response.status == 200)
        let body = response.text
        #expect(body.contains("<tr class=\"del\"><td class=\"num\">2</td><td class=\"num\"></td><td class=\"sign\">-</td><td class=\"code\">the <del>old</del> word here</td></tr>"))
        #expect(body.contains("<tr class=\"add\"><td class=\"num\"></td><td class=\"num\">2</td><td class=\"sign\">+</td><td class=\"code\">the <ins>new</ins> word here</td></tr>"))
        #expect(body.contains("<tr class=\"ctx\"><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"sign\"> </td><td class=\"code\">first line</td></tr>"))
        #expect(body.contains("What <a class=\"sha\" href=\"/commit/\(second.id)\">\(second.shortID)</a> changed, against its parent"))
        #expect(body.contains("href=\"/diff/Page?to=\(second.id)&amp;view=split\""))
    }

    @Test("The split view puts a changed line beside its new version")
    func splitPairsLines() throws {
        let site = try ReadingSite()
        let first = try site.save("Page", "a\nb\nc\n")
        try site.save("Page", "a\nB\nc\n")
        let third = try site.save("Page", "a\nB\nc\nd\n")
        let body = try site.get("/diff/Page?from=\(first.shortID)&to=\(third.shortID)&view=split").text
        #expect(body.contains("diff-split"))
        #expect(body.contains("<tr><td class=\"num del\">2</td><td class=\"code del\"><del>b</del></td><td class=\"num add\">2</td><td class=\"code add\"><ins>B</ins></td></tr>"))
        #expect(body.contains("<tr><td class=\"num empty\"></td><td class=\"code empty\"></td><td class=\"num add\">4</td><td class=\"code add\">d</td></tr>"))
        #expect(body.contains("aria-current=\"page\">Side by side"))
    }

    @Test("Without to, the diff is of the tip against its parent; across a rename it follows the page")
    func defaultsAndRenames() throws {
        let site = try ReadingSite()
        let first = try site.save("old", "one\n")
        let second = try site.save("old", "one\ntwo\n")
        try site.wiki.rename(try PageName("old"), to: try PageName("new"), author: Person(name: "A", email: "a@example.com"))
        let tip = try site.save("new", "one\ntwo\nthree\n")
        let head = try site.get("/diff/new").text
        #expect(head.contains("<ins>three</ins>") || head.contains("<td class=\"code\">three</td>"))
        #expect(head.contains("/commit/\(tip.id)"))
        // Both revisions are from before the rename: the compare form of the history sends the current name.
        let early = try site.get("/diff/new?from=\(first.id)&to=\(second.id)")
        #expect(early.status == 200)
        #expect(early.text.contains("<td class=\"code\">two</td>"))
        let across = try site.get("/diff/new?from=\(first.id)&to=\(tip.id)")
        #expect(across.text.contains("renamed") && across.text.contains("from <span class=\"mono\">old.md</span>"))
    }

    @Test("Diff statuses: 400 for a malformed revision or view, 404 for an unknown revision or page, 304 for its ETag")
    func statuses() throws {
        let site = try ReadingSite()
        let first = try site.save("Page", "a\n")
        try site.save("Page", "b\n")
        #expect(try site.get("/diff/Page?to=xyz").status == 400)
        #expect(try site.get("/diff/Page?view=sideways").status == 400)
        #expect(try site.get("/diff/Page?to=deadbeefdeadbeef").status == 404)
        #expect(try site.get("/diff/Missing").status == 404)
        #expect(try site.get("/diff/Missing?to=\(first.id)").status == 404)
        let response = try site.get("/diff/Page?from=\(first.id)")
        #expect(response.status == 200)
        let tag = try #require(response.header("ETag"))
        #expect(try site.get("/diff/Page?from=\(first.id)", "If-None-Match: \(tag)\r\n").status == 304)
    }

    @Test("Changed text with markup is escaped inside the highlights")
    func escapesText() throws {
        let site = try ReadingSite()
        try site.save("Page", "<b>bold</b> x\n")
        try site.save("Page", "<script>alert(1)</script> x\n")
        let body = try site.get("/diff/Page").text
            .replacingOccurrences(of: "<ins>", with: "").replacingOccurrences(of: "</ins>", with: "")
            .replacingOccurrences(of: "<del>", with: "").replacingOccurrences(of: "</del>", with: "")
        #expect(!body.contains("<script>alert"))
        #expect(body.contains("&lt;script&gt;alert(1)&lt;/script&gt; x</td>"))
        #expect(body.contains("&lt;b&gt;bold&lt;/b&gt; x</td>"))
        #expect(!body.contains("<b>bold"))
    }
}
