import Testing
@testable import WikiRender

@Suite("Safe mode")
struct InlineSafetyTests {
    @Test("Without unsafeHTML, a javascript: link gets an empty href")
    func javascriptLink() {
        let html = Markdown.renderString("[x](javascript:alert(1))", options: .pure)
        #expect(html == "<p><a href=\"\">x</a></p>\n")
    }

    @Test("Without unsafeHTML, raw HTML goes through the sanitizer: no script element survives")
    func rawHTMLSanitized() {
        let html = Markdown.renderString("<script>alert(1)</script>\n\ntext <script>x</script>", options: .pure)
        #expect(!html.contains("<script"))
        #expect(html.contains("<p>text "))
    }

    @Test("Link text and titles are always escaped")
    func escaping() {
        let html = Markdown.renderString("[\"<b>\"](/u \"a\\\"b\")", options: MarkdownOptions(unsafeHTML: true))
        #expect(html == "<p><a href=\"/u\" title=\"a&quot;b\">&quot;<b>&quot;</a></p>\n")
    }

    @Test("The href escaping percent-encodes spaces and quotes and keeps existing escapes")
    func hrefEscaping() {
        var out: [UInt8] = []
        HTMLEscaping.escapeHref(Array("/a b\"c%20'd&e".utf8)[...], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "/a%20b%22c%20&#x27;d&amp;e")
    }
}
