import Foundation
import Testing
import WikiStore
@testable import WikiHTTP

/// `/review` (HTML, JSON, Atom), `/tags`, backlinks and `/links/broken` from the index at main's tip (issue 10).
@Suite struct KnowledgeIndexTests {
    static let now = ISO8601DateFormatter().date(from: "2026-12-02T08:00:00Z") ?? Date()
    static let pages = [
        "runbooks/db": "---\nowner: bob\ntags: [database]\nreview-every: 90d\nlast-reviewed: 2026-06-02\n---\n# DB failover\n",
        "runbooks/cache": "---\nowner: carol\ntags: [cache, Database]\nreview-every: 30d\nlast-reviewed: 2026-11-01\n---\n# Cache\n",
        "runbooks/fresh": "---\nowner: bob\ntags: [database]\nreview-every: 90d\nlast-reviewed: 2026-11-30\n---\n# Fresh\n",
        "runbooks/never": "---\nowner: dave\nreview-every: 90d\n---\n# Never\n",
        "Orphan": "# Orphan\n",
        "_Sidebar": "[[Home]]\n",
    ]

    @Test("/review lists overdue and ownerless pages, most overdue first; special and fresh pages are left out")
    func reviewOrder() throws {
        let site = try KnowledgeSite(pages: Self.pages, now: Self.now)
        let body = try site.get("/review").text
        let order = ["runbooks/never", "runbooks/db", "runbooks/cache", "Orphan"].map { ReadingSite.offset(of: ">\($0)</div>", in: body) }
        #expect(order.allSatisfy { $0 < Int.max } && order == order.sorted(), "\(order)")
        #expect(!body.contains(">runbooks/fresh</div>") && !body.contains(">_Sidebar</div>"))
        #expect(body.contains("overdue by 93 days") && body.contains("overdue by 1 day") && body.contains("never reviewed"))
    }

    @Test("/review filters by owner and by tag, case-insensitively")
    func reviewFilters() throws {
        let site = try KnowledgeSite(pages: Self.pages, now: Self.now)
        let bob = try site.get("/review?owner=BOB").text
        #expect(bob.contains(">runbooks/db</div>") && !bob.contains(">runbooks/cache</div>") && !bob.contains(">Orphan</div>"))
        let database = try site.get("/review?tag=database").text
        #expect(database.contains(">runbooks/db</div>") && database.contains(">runbooks/cache</div>"))
        #expect(!database.contains(">runbooks/never</div>"))
        #expect(try site.get("/review?owner=nobody").text.contains("No page matches these filters."))
    }

    @Test("/review answers JSON when asked, with the same order and filters")
    func reviewJSON() throws {
        let site = try KnowledgeSite(pages: Self.pages, now: Self.now)
        let response = try site.get("/review?tag=database", headers: ["Accept": "application/json"])
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(json["today"] as? String == "2026-12-02" && json["tag"] as? String == "database")
        let pages = try #require(json["pages"] as? [[String: Any]])
        #expect(pages.map { $0["page"] as? String } == ["runbooks/db", "runbooks/cache"])
        #expect(pages.first?["overdueDays"] as? Int == 93 && pages.first?["due"] as? String == "2026-08-31")
        #expect(pages.first?["url"] as? String == "/wiki/runbooks/db" && pages.first?["reasons"] as? [String] == ["overdue"])
    }

    @Test("/review.atom has one entry per overdue page with ids that stay the same between fetches")
    func reviewAtom() throws {
        let site = try KnowledgeSite(pages: Self.pages, now: Self.now)
        let response = try site.get("/review.atom")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/atom+xml; charset=utf-8")
        let feed = response.text
        #expect(ReadingSite.count("<entry>", in: feed) == 3)
        #expect(feed.contains("<id>urn:opswiki:review:runbooks/db:2026-08-31</id>"))
        #expect(feed.contains("<id>urn:opswiki:review:runbooks/never:never-reviewed</id>"))
        #expect(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"http://wiki.test:8080/wiki/runbooks/db\"/>"))
        #expect(!feed.contains("Orphan"))
        #expect(try site.get("/review.atom").text == feed)
        // Once reviewed, the page leaves the feed.
        #expect(try site.post("/reviewed/runbooks/db").status == 303)
        #expect(!(try site.get("/review.atom").text.contains("runbooks/db")))
    }

    @Test("/tags counts pages per tag; /tags/{tag} lists them; an unknown tag is 404")
    func tags() throws {
        let site = try KnowledgeSite(pages: Self.pages, now: Self.now)
        let index = try site.get("/tags").text
        #expect(index.contains("<a class=\"tag-link\" href=\"/tags/database\">database</a> <span class=\"count\">2</span>"))
        #expect(index.contains("href=\"/tags/Database\">Database</a> <span class=\"count\">1</span>"))
        let page = try site.get("/tags/database")
        #expect(page.status == 200)
        #expect(page.text.contains(">runbooks/db</div>") && page.text.contains(">runbooks/fresh</div>") && !page.text.contains(">runbooks/cache</div>"))
        #expect(try site.get("/tags/unknown").status == 404)
    }

    @Test("What links here: wiki links and relative links, kept up to date after a rename")
    func backlinksAfterRename() throws {
        let site = try KnowledgeSite(pages: [
            "runbooks/db": "# DB\n", "Home": "See [[runbooks/db]].\n",
            "runbooks/index": "[relative](db#check) and [up](../Home) and [self](#top)\n", "_Sidebar": "[[runbooks/db]]\n",
        ], now: Self.now)
        let db = try site.get("/wiki/runbooks/db").text
        #expect(db.contains("What links here"))
        #expect(db.contains("<li><a href=\"/wiki/Home\">Home</a> <span class=\"hint\">Home</span></li>"))
        #expect(db.contains("<li><a href=\"/wiki/runbooks/index\">index</a> <span class=\"hint\">runbooks/index</span></li>"))
        #expect(!db.contains("<li><a href=\"/wiki/_Sidebar\">"), "the sidebar is part of every page, not a source")
        #expect(try site.get("/wiki/Home").text.contains("<li><a href=\"/wiki/runbooks/index\">index</a>"))
        #expect(try site.get("/wiki/runbooks/index").text.contains("No page links here."))
        _ = try site.wiki.rename(PageName("Home"), to: PageName("Start"), author: Person(name: "R", email: "r@example.com"))
        let after = try site.get("/wiki/runbooks/db").text
        #expect(after.contains("<li><a href=\"/wiki/Start\">Start</a>") && !after.contains("<li><a href=\"/wiki/Home\">"))
        // The relative link to ../Home is now broken.
        let broken = try site.get("/links/broken").text
        #expect(broken.contains("<td class=\"mono\">../Home</td><td><a class=\"broken-target\" href=\"/edit/Home\""))
    }

    @Test("While the first link index builds in the background, pages show backlinks as pending, uncached; then in full")
    func backlinksPendingAtStart() throws {
        let site = try KnowledgeSite(pages: ["runbooks/db": "# DB\n", "Home": "See [[runbooks/db]].\n"], now: Self.now)
        site.app.knowledgeWillBuildInBackground()
        let pending = try site.get("/wiki/runbooks/db")
        #expect(pending.status == 200 && pending.text.contains("The link index is still being built"))
        #expect(!pending.text.contains("No page links here."))
        #expect(pending.header("Cache-Control") == "no-store" && pending.header("ETag") == nil)
        try site.app.prepareKnowledge()
        let built = try site.get("/wiki/runbooks/db")
        #expect(built.text.contains("<li><a href=\"/wiki/Home\">Home</a>") && !built.text.contains("still being built"))
        #expect(built.header("ETag") != nil)
    }

    @Test("Backlinks follow a git push made with the real git CLI over HTTP")
    func backlinksAfterPush() throws {
        let site = try KnowledgeSite(pages: ["Target": "# Target\n", "Home": "hi\n"], now: Self.now)
        #expect(try site.get("/wiki/Target").text.contains("No page links here."))
        let url = "http://127.0.0.1:\(site.port)/wiki.git"
        let clone = site.path("clone")
        try site.git(["-c", "http.extraHeader=X-Test-User: maintainer", "clone", "-q", url, clone])
        try "From the CLI: [[Target]] and [gone](Nowhere)\n".write(toFile: clone + "/Pushed.md", atomically: true, encoding: .utf8)
        try site.git(["-C", clone, "add", "Pushed.md"])
        try site.git(["-C", clone, "commit", "-q", "-m", "Add a page by push"])
        try site.git(["-C", clone, "-c", "http.extraHeader=X-Test-User: maintainer", "push", "-q", "origin", "HEAD:main"])
        #expect(try site.get("/wiki/Target").text.contains("<a href=\"/wiki/Pushed\">Pushed</a>"))
        #expect(try site.get("/links/broken").text.contains("<td class=\"mono\">Nowhere</td>"))
        // A push that deletes the page removes its links.
        try site.git(["-C", clone, "rm", "-q", "Pushed.md"])
        try site.git(["-C", clone, "commit", "-q", "-m", "Remove it"])
        try site.git(["-C", clone, "-c", "http.extraHeader=X-Test-User: maintainer", "push", "-q", "origin", "HEAD:main"])
        #expect(try site.get("/wiki/Target").text.contains("No page links here."))
        #expect(try site.get("/links/broken").text.contains("No broken links"))
    }

    @Test("/links/broken lists wiki and relative links to missing pages, not external links or attachments")
    func brokenLinks() throws {
        let site = try KnowledgeSite(pages: [
            "Home": "[[Exists]] [[No Such Page]] [x](https://example.com/a) [m](mailto:a@b.c) [f](/files/x.png) [a](pic.png)\n",
            "Exists": "[back](Home) [[Home#Top]] [missing](sub/child)\n",
        ], now: Self.now)
        try site.wiki.upload(path: "pic.png", bytes: [0x89, 0x50, 0x4E, 0x47], author: Person(name: "U", email: "u@example.com"))
        let body = try site.get("/links/broken").text
        #expect(body.contains("2 links to pages that do not exist"))
        #expect(body.contains("<td class=\"mono\">[[No Such Page]]</td><td><a class=\"broken-target\" href=\"/edit/No-Such-Page\""))
        #expect(body.contains("<td class=\"mono\">sub/child</td>"))
        #expect(!body.contains("example.com") && !body.contains("pic.png"))
    }
}
