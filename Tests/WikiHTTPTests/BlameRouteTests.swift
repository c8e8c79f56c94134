import Foundation
import Testing
import WikiStore
@testable import WikiHTTP

/// `/blame/{page}` over a real server and repository.
@Suite struct BlameRouteTests {
    @Test("Blame groups consecutive lines by the commit and author that last changed them")
    func groupsByCommit() throws {
        let site = try ReadingSite()
        let first = try site.save("Page", "alpha\nalpha2\nbeta\ngamma\n", author: "Ada Lovelace", message: "Start")
        let second = try site.save("Page", "alpha\nalpha2\nBETA\ngamma\ndelta\n", author: "Grace Hopper", message: "Shout & add")
        let response = try site.get("/blame/Page")
        #expect(response.status == 200)
        let body = response.text
        #expect(ReadingSite.count("<tbody class=\"group\">", in: body) == 4)
        #expect(ReadingSite.count("href=\"/commit/\(first.id)\"", in: body) == 4, "two groups of the first commit, two links each")
        #expect(ReadingSite.count("href=\"/commit/\(second.id)\"", in: body) == 4)
        let alpha = ReadingSite.offset(of: "<td class=\"code\">alpha</td>", in: body)
        let beta = ReadingSite.offset(of: "<td class=\"code\">BETA</td>", in: body)
        let gamma = ReadingSite.offset(of: "<td class=\"code\">gamma</td>", in: body)
        let delta = ReadingSite.offset(of: "<td class=\"code\">delta</td>", in: body)
        #expect(alpha < beta && beta < gamma && gamma < delta && delta != Int.max)
        // The group of BETA is Grace's; the group of alpha is Ada's.
        let grace = ReadingSite.offset(of: "Grace Hopper", in: body)
        let ada = ReadingSite.offset(of: "Ada Lovelace", in: body)
        #expect(ada < alpha && alpha < grace && grace < beta)
        #expect(body.contains("Shout &amp; add"))
        #expect(ReadingSite.count("rowspan=\"2\"", in: body) == 1 && ReadingSite.count("rowspan=\"1\"", in: body) == 3)
        #expect(body.contains("5 lines"))
    }

    @Test("Blame at an older revision, 404 for a missing page, 400 for a bad revision, 304 for its ETag")
    func revisionsAndStatuses() throws {
        let site = try ReadingSite()
        let first = try site.save("Page", "one\n")
        try site.save("Page", "two\n")
        let old = try site.get("/blame/Page?rev=\(first.shortID)")
        #expect(old.status == 200)
        #expect(old.text.contains("<td class=\"code\">one</td>") && !old.text.contains("<td class=\"code\">two</td>"))
        #expect(old.text.contains("Blame at revision"))
        #expect(try site.get("/blame/Missing").status == 404)
        #expect(try site.get("/blame/Page?rev=nothex!").status == 400)
        let tag = try #require(try site.get("/blame/Page").header("ETag"))
        #expect(try site.get("/blame/Page", "If-None-Match: \(tag)\r\n").status == 304)
    }
}
