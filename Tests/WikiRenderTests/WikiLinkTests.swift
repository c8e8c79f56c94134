import Foundation
import Testing
@testable import WikiRender

@Suite("Wiki extensions")
struct WikiLinkTests {
    let options = MarkdownOptions(unsafeHTML: true, wikiLinks: true)

    func render(_ source: String, _ options: MarkdownOptions? = nil, pages: [String: Bool] = ["Home": true, "DB Failover": true, "Old": false]) -> RenderedDocument {
        Markdown.render(Array(source.utf8), options: options ?? self.options) { name in
            pages[name].map { WikiLink(href: "/wiki/" + name.replacingOccurrences(of: " ", with: "-"), exists: $0) }
        }
    }

    @Test("[[Page]] resolves through the closure")
    func plainLink() {
        #expect(render("Go [[Home]].").html.string == "<p>Go <a class=\"wiki-link\" href=\"/wiki/Home\">Home</a>.</p>\n")
    }

    @Test("[[Page|label]] uses the label, escaped")
    func labelled() {
        #expect(render("[[DB Failover|the <b>runbook</b>]]").html.string
            == "<p><a class=\"wiki-link\" href=\"/wiki/DB-Failover\">the &lt;b&gt;runbook&lt;/b&gt;</a></p>\n")
    }

    @Test("[[Page#Section]] appends the section's slug")
    func section() {
        var slugger = HeadingSlugger()
        var href: [UInt8] = []
        HTMLEscaping.escapeHref(Array("/wiki/Home#\(slugger.slug(for: "Step 2"))".utf8)[...], into: &href)
        let expected = "<p><a class=\"wiki-link\" href=\"\(String(decoding: href, as: UTF8.self))\">Home#Step 2</a></p>\n"
        #expect(render("[[Home#Step 2]]").html.string == expected)
    }

    @Test("Unknown and missing pages are marked")
    func missing() {
        #expect(render("[[Nowhere]]").html.string == "<p><a class=\"wiki-link missing\">Nowhere</a></p>\n")
        #expect(render("[[Old]]").html.string == "<p><a class=\"wiki-link missing\" href=\"/wiki/Old\">Old</a></p>\n")
    }

    @Test("Not a wiki link: unclosed, empty, spanning lines, or the extension off")
    func notWikiLinks() {
        #expect(render("[[Home]").html.string == "<p>[[Home]</p>\n")
        #expect(render("[[ ]]").html.string == "<p>[[ ]]</p>\n")
        #expect(render("[[Ho\nme]]").html.string == "<p>[[Ho\nme]]</p>\n")
        #expect(render("[[Home]]", MarkdownOptions(unsafeHTML: true)).html.string == "<p>[[Home]]</p>\n")
    }

    @Test("Wiki links sit inside emphasis and next to ordinary links")
    func mixed() {
        #expect(render("*[[Home]]* [x](/y)").html.string
            == "<p><em><a class=\"wiki-link\" href=\"/wiki/Home\">Home</a></em> <a href=\"/y\">x</a></p>\n")
    }

    @Test("Heading ids come from the slugger, with an anchor and a table of contents")
    func headingIDs() {
        var slugger = HeadingSlugger()
        let first = slugger.slug(for: "Deploy the app")
        let second = slugger.slug(for: "Deploy the app")
        let options = MarkdownOptions(unsafeHTML: true, headingIDs: true)
        let result = render("# Deploy *the* `app`\n\n## Deploy the app\n", options)
        #expect(result.tableOfContents == [TOCEntry(level: 1, title: "Deploy the app", id: first),
                                           TOCEntry(level: 2, title: "Deploy the app", id: second)])
        #expect(result.html.string.hasPrefix("<h1 id=\""))
        #expect(result.html.string.contains("aria-hidden=\"true\"></a>Deploy <em>the</em> <code>app</code></h1>"))
    }

    @Test("Without headingIDs, headings are plain and the table of contents is empty")
    func noHeadingIDs() {
        let result = render("# Title", MarkdownOptions(unsafeHTML: true))
        #expect(result.html.string == "<h1>Title</h1>\n")
        #expect(result.tableOfContents.isEmpty)
    }

    @Test("Front matter, when present, is not rendered")
    func frontMatter() {
        let source = Array("---\ntitle: Ops\n---\n# Body\n".utf8)
        let options = MarkdownOptions(unsafeHTML: true, frontMatter: true)
        let split = FrontMatter.split(source)
        let rendered = Markdown.render(source, options: options)
        #expect(rendered.html == Markdown.render(Array(split.body), options: MarkdownOptions(unsafeHTML: true)).html)
        #expect(rendered.frontMatter == split.frontMatter)
    }
}
