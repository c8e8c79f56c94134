import Foundation
import Testing
@testable import WikiHTTP
import WikiStore

/// `/search` over a real server: the index follows edits, ranks titles first, escapes snippets, speaks JSON.
@Suite struct SearchHandlerTests {
    @Test("A word saved through the editor is found by the next search")
    func findsAfterEdit() throws {
        let site = try WikiTestServer(pages: ["Home": "nothing here\n"])
        #expect(try site.request("GET", "/search?q=zebrafish").text.contains("No page contains"))
        let base = try site.wiki.head()?.id.description ?? ""
        #expect(try site.post("/edit/Home", [("content", "The zebrafish tank runbook\n"), ("base", base)]).status == 303)
        let response = try site.request("GET", "/search?q=Zebrafish")
        #expect(response.status == 200)
        #expect(response.text.contains("1 page found"))
        #expect(response.text.contains("The <mark>zebrafish</mark> tank runbook"))
    }

    @Test("A page whose title matches ranks above one that only mentions the word")
    func titleFirst() throws {
        let site = try WikiTestServer(pages: [
            "aaa-notes": "Some notes. We also restart postgres here, postgres postgres.\n",
            "Postgres-Failover": "# Postgres failover\n\nPromote the replica.\n",
        ])
        let text = try site.request("GET", "/search?q=postgres").text
        let title = try #require(text.range(of: "href=\"/wiki/Postgres-Failover\""))
        let mention = try #require(text.range(of: "href=\"/wiki/aaa-notes\""))
        #expect(title.lowerBound < mention.lowerBound)
        #expect(text.contains(">Postgres failover</a>"))
    }

    @Test("Snippets are escaped: markup in a page comes out as text around the marks")
    func escapesSnippets() throws {
        let site = try WikiTestServer(pages: ["Danger": "alert <script>alert(1)</script> boom\n"])
        let text = try site.request("GET", "/search?q=alert").text
        #expect(!text.contains("<script>alert"))
        #expect(text.contains("<mark>alert</mark> &lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; boom") ||
                text.contains("<mark>alert</mark> &lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;"))
    }

    @Test("JSON clients get the results as JSON")
    func json() throws {
        let site = try WikiTestServer(pages: ["Café": "Le café est fermé.\n", "Home": "x\n"])
        let response = try site.request("GET", "/search?q=cafe", headers: ["Accept": "application/json"])
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(object["total"] as? Int == 1)
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.first?["page"] as? String == "Café")
        #expect(results.first?["matches"] as? [String] == ["café"])
    }

    @Test("An empty query shows the search form and no results")
    func emptyQuery() throws {
        let site = try WikiTestServer(pages: ["Home": "x\n"])
        let response = try site.request("GET", "/search?q=%20")
        #expect(response.status == 200)
        #expect(response.text.contains("Type words to find"))
        #expect(!response.text.contains("<ol class=\"results\">"))
    }
}
