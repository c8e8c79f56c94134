import Foundation
import Testing
import WikiStore
@testable import WikiHTTP

/// The page header, front matter warnings, mark as reviewed and templates, over a real server (issue 10).
@Suite struct KnowledgePageTests {
    static let now = ISO8601DateFormatter().date(from: "2026-12-02T08:00:00Z") ?? Date()
    static let runbook = "---\nowner: bob\ntags: [database, postgres]\nservices: [orders-db]\nseverity: SEV1\nreview-every: 90d\nlast-reviewed: 2026-06-02\n---\n# Database failover\n\nSteps.\n"

    @Test("The page shows owner, tags as links, severity, services and how overdue the review is")
    func header() throws {
        let site = try KnowledgeSite(pages: ["runbooks/db": Self.runbook], now: Self.now)
        let response = try site.get("/wiki/runbooks/db")
        #expect(response.status == 200)
        let body = response.text
        #expect(body.contains("<a href=\"/review?owner=bob\">bob</a>"))
        #expect(body.contains("<a class=\"tag-link\" href=\"/tags/database\">database</a>"))
        #expect(body.contains("<span class=\"severity\">SEV1</span>"))
        #expect(body.contains("orders-db"))
        #expect(body.contains("<strong>overdue by 93 days</strong>"))
        #expect(body.contains("due 2026-08-31, every 90 days"))
        // Anonymous readers get no mark-as-reviewed form; an editor does.
        #expect(!body.contains("Mark as reviewed"))
        #expect(try site.get("/wiki/runbooks/db", user: "editor").text.contains("action=\"/reviewed/runbooks/db\""))
    }

    @Test("A review date in the future reads as due in N days")
    func future() throws {
        let site = try KnowledgeSite(pages: ["R": "---\nreview-every: 1y\nlast-reviewed: 2026-01-01\n---\nx\n"], now: Self.now)
        #expect(try site.get("/wiki/R").text.contains("<strong>review due in 30 days</strong>"))
    }

    @Test("Invalid front matter is a warning on the page, in the editor and in the preview, never a 500")
    func invalidFrontMatter() throws {
        let text = "---\nowner: [a, b]\nreview-every: often\n  nested: x\nlast-reviewed: \"2026-13-01\"\n---\n# Broken <meta>\n\nBody text.\n"
        let site = try KnowledgeSite(pages: ["Bad": text], now: Self.now)
        let page = try site.get("/wiki/Bad")
        #expect(page.status == 200)
        #expect(page.text.contains("front matter has problems"))
        #expect(page.text.contains("owner should be one value, not a list"))
        #expect(page.text.contains("review-every “often” is not an interval"))
        #expect(page.text.contains("last-reviewed “2026-13-01” is not a date"))
        #expect(page.text.contains("line 4: nested values are not supported"))
        #expect(page.text.contains("<p>Body text.</p>"))
        let editor = try site.get("/edit/Bad", user: "editor")
        #expect(editor.status == 200 && editor.text.contains("review-every “often” is not an interval"))
        let preview = try site.post("/preview", [("content", "---\ntags: [a/b]\n---\nhi\n")])
        #expect(preview.status == 200 && preview.text.contains("tags: “a/b” is not a valid item"))
    }

    @Test("Mark as reviewed: exactly one commit that changes only the last-reviewed line, by the editor; 303 back")
    func markReviewed() throws {
        let site = try KnowledgeSite(pages: ["runbooks/db": Self.runbook], now: Self.now)
        let before = try site.commitCount()
        let response = try site.post("/reviewed/runbooks/db")
        #expect(response.status == 303)
        #expect(response.header("Location") == "/wiki/runbooks/db")
        #expect(try site.commitCount() == before + 1)
        let page = try site.wiki.page(PageName("runbooks/db"))
        #expect(page.text == Self.runbook.replacingOccurrences(of: "last-reviewed: 2026-06-02", with: "last-reviewed: 2026-12-02"))
        let commit = try #require(try site.wiki.recentChanges(limit: 1).first)
        #expect(commit.commit.author.name == "Ed Itor" && commit.commit.summary == "Mark runbooks/db as reviewed")
        #expect(commit.files.map(\.path) == ["runbooks/db.md"])
        // The git CLI agrees: one line out, one line in.
        let diff = try site.git(["--git-dir=\(site.wiki.path)", "diff", "--unified=0", "main~1", "main"])
        #expect(diff.components(separatedBy: "\n").filter { $0.hasPrefix("-") || $0.hasPrefix("+") }
                == ["--- a/runbooks/db.md", "+++ b/runbooks/db.md", "-last-reviewed: 2026-06-02", "+last-reviewed: 2026-12-02"])
        #expect(try site.get("/wiki/runbooks/db").text.contains("<strong>review due in 90 days</strong>"))
    }

    @Test("Mark as reviewed adds the key when absent, keeping every other byte (CRLF page)")
    func markReviewedAddsKey() throws {
        let text = "---\r\nowner: bob\r\nreview-every: 30d\r\n---\r\nBody\r\n"
        let site = try KnowledgeSite(pages: ["P": text], now: Self.now)
        #expect(try site.post("/reviewed/P").status == 303)
        #expect(try site.wiki.page(PageName("P")).text == "---\r\nowner: bob\r\nreview-every: 30d\r\nlast-reviewed: 2026-12-02\r\n---\r\nBody\r\n")
    }

    @Test("Mark as reviewed needs an editor and the CSRF token, and a page that exists; nothing is committed otherwise")
    func markReviewedChecks() throws {
        let site = try KnowledgeSite(pages: ["runbooks/db": Self.runbook], now: Self.now)
        let before = try site.commitCount()
        #expect(try site.post("/reviewed/runbooks/db", user: nil).status == 401)
        #expect(try site.post("/reviewed/runbooks/db", user: "reader").status == 403)
        #expect(try site.post("/reviewed/runbooks/db", csrf: "wrong").status == 403)
        #expect(try site.post("/reviewed/runbooks/db", csrf: nil).status == 403)
        #expect(try site.post("/reviewed/runbooks/nope").status == 404)
        #expect(try site.commitCount() == before)
    }

    @Test("/new offers the templates; a template fills date, author and title and leaves other placeholders")
    func templates() throws {
        let template = "---\nowner: {{author}}\nlast-reviewed: {{date}}\n---\n# Post-mortem: {{ title }}\n\n{{impact}} on {{date}} {{unclosed\n"
        let site = try KnowledgeSite(pages: ["_templates/postmortem": template, "_templates/runbook": "# {{title}}\n"], now: Self.now)
        let chooser = try site.get("/new?template=postmortem", user: "editor")
        #expect(chooser.status == 200)
        #expect(chooser.text.contains("value=\"postmortem\" checked"))
        #expect(chooser.text.contains("value=\"runbook\">"))
        let start = try site.get("/new?name=postmortems/db+outage&template=postmortem", user: "editor")
        #expect(start.status == 303)
        #expect(start.header("Location") == "/edit/postmortems/db-outage?template=postmortem")
        let form = try site.get("/edit/postmortems/db-outage?template=postmortem", user: "editor")
        #expect(form.status == 200)
        #expect(form.text.contains("owner: ed\nlast-reviewed: 2026-12-02\n---\n# Post-mortem: db outage\n\n{{impact}} on 2026-12-02 {{unclosed\n"))
    }

    @Test("A template page shows no metadata warning for its placeholders and gives no owner or tag to the lists")
    func templatePageIsQuiet() throws {
        let template = "---\nowner: {{author}}\ntags: [template-tag]\nreview-every: 90d\nlast-reviewed: {{date}}\n---\n# {{title}}\n"
        let site = try KnowledgeSite(pages: ["_templates/runbook": template], now: Self.now)
        let page = try site.get("/wiki/_templates/runbook", user: "editor")
        #expect(page.status == 200)
        #expect(!page.text.contains("front matter has problems") && !page.text.contains("Mark as reviewed"))
        #expect(!(try site.get("/review").text.contains("{{author}}")))
        #expect(try site.get("/tags/template-tag").status == 404)
    }

    @Test("A template that does not exist is a clear 404, on /new and in the editor")
    func missingTemplate() throws {
        let site = try KnowledgeSite(pages: ["Home": "hi\n"], now: Self.now)
        let chooser = try site.get("/new?template=nope", user: "editor")
        #expect(chooser.status == 404)
        #expect(chooser.text.contains("There is no page template “nope”"))
        #expect(try site.get("/edit/New-page?template=nope", user: "editor").status == 404)
        #expect(try site.get("/edit/New-page?template=..%2F..%2Fetc", user: "editor").status == 404)
    }

    @Test("The page template filler replaces only the three names")
    func fill() {
        #expect(PageTemplate.fill("{{date}}|{{ author }}|{{title}}|{{other}}|{{{date}}}|{{", ["date": "D", "author": "A", "title": "T"])
                == "D|A|T|{{other}}|{{{date}}}|{{")
    }
}
