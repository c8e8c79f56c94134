import Foundation
import Testing
@testable import WikiHTTP
import WikiStore

/// `/edit`, `/preview`, `/new`, `/rename`, `/delete`, `/revert` over a real server and a real repository.
@Suite struct EditHandlerTests {
    @Test("The edit form carries the text, the base it was read at and the CSRF token")
    func editForm() throws {
        let site = try WikiTestServer(pages: ["Home": "Hello <world>\n"])
        let response = try site.request("GET", "/edit/Home", user: "editor")
        #expect(response.status == 200)
        #expect(response.text.contains("<textarea id=\"content\" name=\"content\" spellcheck=\"true\" autofocus>\nHello &lt;world&gt;\n</textarea>"))
        #expect(response.text.contains("name=\"base\" value=\"\(try site.wiki.head()?.id.description ?? "-")\""))
        #expect(response.text.contains("name=\"csrf\" value=\"\(TestIdentityResponder.csrf)\""))
    }

    @Test("Saving creates exactly one commit with the user as author and the message given")
    func saveCommits() throws {
        let site = try WikiTestServer(pages: ["Home": "one\n"])
        let base = try #require(try site.wiki.head())
        let response = try site.post("/edit/Home", [("content", "one\r\ntwo\r\n"), ("message", "Add two"), ("base", base.id.description)])
        #expect(response.status == 303)
        #expect(response.header("Location") == "/wiki/Home")
        #expect(try site.commitCount() == 2)
        let commit = try site.newest()
        #expect(commit.author.name == "Ed Itor" && commit.author.email == "ed@example.com")
        #expect(commit.message == "Add two\n")
        // CRLF from the browser is stored as LF.
        #expect(try site.wiki.page(PageName("Home")).text == "one\ntwo\n")
    }

    @Test("A new page gets the default message Create <page>")
    func createMessage() throws {
        let site = try WikiTestServer(pages: ["Home": "x\n"])
        #expect(try site.request("GET", "/edit/ops/New-Page", user: "editor").status == 200)
        let response = try site.post("/edit/ops/New-Page", [("content", "fresh\n"), ("message", ""), ("base", try site.wiki.head()?.id.description ?? "")])
        #expect(response.status == 303)
        #expect(try site.newest().message == "Create ops/New-Page\n")
    }

    @Test("A stale base merges when the edits do not overlap")
    func staleBaseMerges() throws {
        let site = try WikiTestServer(pages: ["Home": "a\nb\nc\n"])
        let base = try #require(try site.wiki.head()).id.description
        #expect(try site.post("/edit/Home", [("content", "A\nb\nc\n"), ("base", base)]).status == 303)
        #expect(try site.post("/edit/Home", [("content", "a\nb\nC\n"), ("base", base)]).status == 303)
        #expect(try site.wiki.page(PageName("Home")).text == "A\nb\nC\n")
        #expect(try site.commitCount() == 3)
    }

    @Test("An overlapping edit answers 409 with both texts and a diff, commits nothing, and a resubmit works")
    func conflict() throws {
        let site = try WikiTestServer(pages: ["Home": "a\nb\nc\n"])
        let base = try #require(try site.wiki.head()).id.description
        #expect(try site.post("/edit/Home", [("content", "a\ntheirs\nc\n"), ("base", base)]).status == 303)
        let response = try site.post("/edit/Home", [("content", "a\nmine <b>\nc\n"), ("message", "Mine"), ("base", base)])
        #expect(response.status == 409)
        #expect(try site.commitCount() == 2)
        #expect(response.text.contains(">\na\nmine &lt;b&gt;\nc\n</textarea>"))
        #expect(response.text.contains("<pre class=\"current-text\">a\ntheirs\nc\n</pre>"))
        #expect(response.text.contains("<tr class=\"del\"><td class=\"num\">2</td><td class=\"num\"></td><td><span class=\"sign\">-</span>theirs</td></tr>"))
        #expect(response.text.contains("<tr class=\"add\"><td class=\"num\"></td><td class=\"num\">2</td><td><span class=\"sign\">+</span>mine &lt;b&gt;</td></tr>"))
        let newBase = try #require(try site.wiki.head()).id.description
        #expect(response.text.contains("name=\"base\" value=\"\(newBase)\""))
        #expect(try site.post("/edit/Home", [("content", "a\nmine <b>\nc\n"), ("base", newBase)]).status == 303)
        #expect(try site.wiki.page(PageName("Home")).text == "a\nmine <b>\nc\n")
    }

    @Test("Saving the same text commits nothing")
    func unchanged() throws {
        let site = try WikiTestServer(pages: ["Home": "same\n"])
        let response = try site.post("/edit/Home", [("content", "same\n"), ("base", try site.wiki.head()?.id.description ?? "")])
        #expect(response.status == 303)
        #expect(try site.commitCount() == 1)
    }

    @Test("A missing or wrong CSRF token is 403 and commits nothing", arguments: [nil, "forged"])
    func csrf(_ token: String?) throws {
        let site = try WikiTestServer(pages: ["Home": "x\n"])
        let response = try site.post("/edit/Home", csrf: token, [("content", "y\n"), ("base", try site.wiki.head()?.id.description ?? "")])
        #expect(response.status == 403)
        #expect(try site.commitCount() == 1)
    }

    @Test("A reader gets 403 and an anonymous visitor 401; neither commits")
    func roles() throws {
        let site = try WikiTestServer(pages: ["Home": "x\n"])
        let base = try site.wiki.head()?.id.description ?? ""
        #expect(try site.post("/edit/Home", user: "reader", [("content", "y\n"), ("base", base)]).status == 403)
        let anonymous = try site.post("/edit/Home", user: nil, [("content", "y\n"), ("base", base)])
        #expect(anonymous.status == 401)
        #expect(anonymous.header("WWW-Authenticate")?.hasPrefix("Basic") == true)
        #expect(try site.request("GET", "/edit/Home", user: "reader").status == 403)
        #expect(try site.commitCount() == 1)
    }

    @Test("A base that is not a commit is 400 and commits nothing")
    func badBase() throws {
        let site = try WikiTestServer(pages: ["Home": "x\n"])
        #expect(try site.post("/edit/Home", [("content", "y\n"), ("base", "zzzz")]).status == 400)
        #expect(try site.commitCount() == 1)
    }

    @Test("Preview renders exactly what the saved page will show, as a fragment, escaping raw script")
    func preview() throws {
        let site = try WikiTestServer(pages: ["Home": "x\n"])
        let source = "# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[[Home]] <script>x</script>\n"
        let response = try site.post("/preview", [("content", source)])
        #expect(response.status == 200)
        #expect(response.text.hasPrefix("<h1 class=\"preview-title\">Title</h1>"))
        #expect(!response.text.contains("<script>"))
        #expect(try site.post("/edit/Shown", [("content", source), ("base", try site.wiki.head()?.id.description ?? "")]).status == 303)
        let view = try site.request("GET", "/wiki/Shown").text
        let start = try #require(view.range(of: "<article class=\"markdown\">\n")).upperBound
        let end = try #require(view.range(of: "  </article>")).lowerBound
        let body = String(view[start..<end]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!body.isEmpty)
        #expect(response.text.contains(body))
        #expect(try site.post("/preview", csrf: nil, [("content", "x")]).status == 403)
    }

    @Test("/new sends a valid name to its editor and re-asks for an invalid one")
    func newPage() throws {
        let site = try WikiTestServer(pages: ["Home": "x\n"])
        let response = try site.request("GET", "/new?name=runbooks%2FDB%20failover", user: "editor")
        #expect(response.status == 303)
        #expect(response.header("Location") == "/edit/runbooks/DB-failover")
        let invalid = try site.request("GET", "/new?name=a%2F..%2Fb", user: "editor")
        #expect(invalid.status == 400)
        #expect(invalid.text.contains("is not a valid page name"))
    }

    @Test("Rename moves the page in one commit; delete removes it in one commit")
    func renameAndDelete() throws {
        let site = try WikiTestServer(pages: ["Home": "x\n", "Old": "text\n"])
        #expect(try site.request("GET", "/rename/Old", user: "editor").text.contains("name=\"to\" value=\"Old\""))
        let renamed = try site.post("/rename/Old", [("to", "archive/New")])
        #expect(renamed.status == 303 && renamed.header("Location") == "/wiki/archive/New")
        #expect(try site.commitCount() == 3)
        #expect(try site.newest().message == "Rename Old to archive/New\n")
        #expect(try site.wiki.exists(PageName("archive/New")) && !site.wiki.exists(PageName("Old")))
        #expect(try site.post("/rename/archive/New", [("to", "Home")]).status == 409)
        #expect(try site.request("GET", "/delete/archive/New", user: "editor").status == 200)
        let deleted = try site.post("/delete/archive/New", [("message", "Gone")])
        #expect(deleted.status == 303)
        #expect(try site.commitCount() == 4)
        #expect(try site.newest().message == "Gone\n" && site.newest().author.name == "Ed Itor")
        #expect(try !site.wiki.exists(PageName("archive/New")))
        #expect(try site.post("/delete/archive/New", csrf: "bad", []).status == 403)
    }

    @Test("Revert undoes one commit's change in one commit; an overlapping later change is a 409")
    func revert() throws {
        let site = try WikiTestServer(pages: ["Home": "a\nb\nc\n"])
        #expect(try site.post("/edit/Home", [("content", "a\nB\nc\n"), ("base", try site.wiki.head()?.id.description ?? "")]).status == 303)
        let change = try site.newest().id.description
        #expect(try site.post("/edit/Home", [("content", "a\nB\nc\nd\n"), ("base", try site.wiki.head()?.id.description ?? "")]).status == 303)
        let reverted = try site.post("/revert/Home", [("rev", change)])
        #expect(reverted.status == 303)
        #expect(try site.wiki.page(PageName("Home")).text == "a\nb\nc\nd\n")
        #expect(try site.commitCount() == 4)
        #expect(try site.newest().author.email == "ed@example.com")
        // Changing line 2 again, then reverting the commit that made it "B".
        #expect(try site.post("/edit/Home", [("content", "a\nBB\nc\nd\n"), ("base", try site.wiki.head()?.id.description ?? "")]).status == 303)
        let conflict = try site.post("/revert/Home", [("rev", change)])
        #expect(conflict.status == 409)
        #expect(try site.commitCount() == 5)
    }

    @Test("Pages load the theme's app.js, served as JavaScript with an ETag")
    func script() throws {
        let site = try WikiTestServer(pages: ["Home": "x\n"])
        #expect(try site.request("GET", "/wiki/Home").text.contains("<script src=\"/static/app.js\" defer></script>"))
        let script = try site.request("GET", "/static/app.js")
        #expect(script.status == 200)
        #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(script.header("ETag") != nil)
        #expect(script.text.contains("/preview"))
    }
}
