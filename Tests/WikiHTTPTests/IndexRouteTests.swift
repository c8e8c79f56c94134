import Foundation
import Testing
import WikiStore
@testable import WikiHTTP

/// `/pages` and `/changes` over a real server and repository.
@Suite struct IndexRouteTests {
    @Test("The page index nests folders as lists with their paths as ids, and lists attachments with sizes")
    func pageTree() throws {
        let site = try ReadingSite()
        try site.save("Home", "h\n")
        try site.save("runbooks/db-failover", "d\n")
        try site.save("runbooks/net/dns", "n\n")
        try site.save("runbooks-old", "o\n")
        try site.wiki.upload(path: "runbooks/net/map.png", bytes: Array(repeating: 7, count: 2048),
                             author: Person(name: "Ada", email: "ada@example.com"))
        let response = try site.get("/pages")
        #expect(response.status == 200)
        let body = response.text
        #expect(body.contains("4 pages, 1 attachment"))
        let runbooks = ReadingSite.offset(of: "<li class=\"folder\" id=\"runbooks\">", in: body)
        let net = ReadingSite.offset(of: "<li class=\"folder\" id=\"runbooks/net\">", in: body)
        let dns = ReadingSite.offset(of: "<a href=\"/wiki/runbooks/net/dns\">dns</a>", in: body)
        let map = ReadingSite.offset(of: "<a href=\"/files/runbooks/net/map.png\">map.png</a> <span class=\"size\">2 KB</span>", in: body)
        let failover = ReadingSite.offset(of: "<a href=\"/wiki/runbooks/db-failover\">db-failover</a>", in: body)
        let home = ReadingSite.offset(of: "<a href=\"/wiki/Home\">Home</a></li>", in: body)
        #expect(runbooks < net && net < dns && dns < map && map < failover && failover < home && home != Int.max)
        // Lists are balanced: every folder's list is closed.
        #expect(ReadingSite.count("<ul", in: body) == ReadingSite.count("</ul>", in: body))
        #expect(ReadingSite.count("<details open>", in: body) == 2 && ReadingSite.count("</details>", in: body) == 2)
        let tag = try #require(response.header("ETag"))
        #expect(try site.get("/pages", "If-None-Match: \(tag)\r\n").status == 304)
    }

    @Test("An empty wiki has an empty index and no changes")
    func emptyWiki() throws {
        let site = try ReadingSite()
        #expect(try site.get("/pages").text.contains("The wiki is empty"))
        #expect(try site.get("/changes").text.contains("No changes here."))
    }

    @Test("Recent changes are newest first, 50 a page, with the changed pages linked, by page number or cursor")
    func changesPagination() throws {
        let site = try ReadingSite()
        var revisions: [Revision] = []
        for index in 1...55 { revisions.append(try site.save("p\(index % 3)", "v\(index)\n", message: "Change \(index)")) }
        let first = try site.get("/changes")
        #expect(first.status == 200)
        #expect(ReadingSite.count("<li class=\"change-item\">", in: first.text) == 50)
        #expect(ReadingSite.offset(of: "Change 55<", in: first.text) < ReadingSite.offset(of: "Change 54<", in: first.text))
        #expect(!first.text.contains("Change 5<"))
        #expect(first.text.contains("<a href=\"/wiki/p1\">p1</a>"))
        #expect(first.text.contains("href=\"/changes?page=2\""))
        let second = try site.get("/changes?page=2").text
        #expect(ReadingSite.count("<li class=\"change-item\">", in: second) == 5)
        #expect(second.contains("Change 5<") && second.contains("Change 1<") && !second.contains("Change 6<"))
        let cursor = try site.get("/changes?after=\(revisions[5].id)").text
        #expect(ReadingSite.count("<li class=\"change-item\">", in: cursor) == 5)
        #expect(cursor.contains("Change 5<") && !cursor.contains("Change 6<"))
        #expect(try site.get("/changes?page=-1").status == 400)
        #expect(try site.get("/changes?after=zz").status == 400)
        #expect(try site.get("/changes?after=0123456789abcdef").status == 404)
    }
}

/// The page index with folders deeper than templates may nest partials.
@Suite struct IndexDepthTests {
    @Test("Forty nested folders render as forty balanced nested lists")
    func deepFolders() throws {
        let site = try ReadingSite()
        let deep = (1...40).map { "f\($0)" }.joined(separator: "/") + "/leaf"
        try site.save(deep, "x\n")
        let response = try site.get("/pages")
        #expect(response.status == 200)
        #expect(ReadingSite.count("<li class=\"folder\"", in: response.text) == 40)
        #expect(ReadingSite.count("</details></li>", in: response.text) == 40)
        #expect(response.text.contains("id=\"\((1...40).map { "f\($0)" }.joined(separator: "/"))\""))
        #expect(response.text.contains("<a href=\"/wiki/\(deep)\">leaf</a>"))
    }
}
