import Testing
@testable import WikiRender

@Suite("Sanitizer: ordinary HTML")
struct SanitizerTests {
    @Test("Allowed markup is re-serialized with double-quoted attributes", arguments: [
        ("<p>Hello <b>world</b></p>", "<p>Hello <b>world</b></p>"),
        ("<DIV ALIGN=center>x</DIV>", "<div align=\"center\">x</div>"),
        ("<a href='https://example.com/a?b=1&amp;c=2' title=Docs>", "<a href=\"https://example.com/a?b=1&amp;c=2\" title=\"Docs\">"),
        ("</a>", "</a>"),
        ("<br>", "<br>"),
        ("<br/>", "<br />"),
        ("<img src=\"/files/diagram.png\" alt=\"A &amp; B\" width=\"300\"/>", "<img src=\"/files/diagram.png\" alt=\"A &amp; B\" width=\"300\" />"),
        ("<details open><summary>More</summary>text</details>", "<details open=\"\"><summary>More</summary>text</details>"),
        ("<ol start=\"3\" type=\"a\" reversed><li value=\"5\">x</li></ol>", "<ol start=\"3\" type=\"a\" reversed=\"\"><li value=\"5\">x</li></ol>"),
        ("<table><tr><td colspan=\"2\" rowspan=3 nowrap>x</td></tr></table>", "<table><tr><td colspan=\"2\" rowspan=\"3\" nowrap=\"\">x</td></tr></table>"),
        ("<kbd>Ctrl</kbd>+<kbd>S</kbd>", "<kbd>Ctrl</kbd>+<kbd>S</kbd>"),
        ("<picture><source srcset=\"a.webp 1x, b.webp 2x\" type=\"image/webp\"><img src=\"a.png\"></picture>",
         "<picture><source srcset=\"a.webp 1x, b.webp 2x\" type=\"image/webp\"><img src=\"a.png\"></picture>"),
        ("<blockquote cite=\"https://example.com\">q</blockquote>", "<blockquote cite=\"https://example.com\">q</blockquote>"),
        ("<a href=\"mailto:ops@example.com\">mail</a>", "<a href=\"mailto:ops@example.com\">mail</a>"),
        ("<abbr title=\"javascript: is not a URL here\">JS</abbr>", "<abbr title=\"javascript: is not a URL here\">JS</abbr>"),
    ] as [(String, String)])
    func allowed(_ input: String, _ expected: String) {
        #expect(Sanitizer.sanitize(input) == expected)
    }

    @Test("Ids and names get GitHub's user-content- prefix; class and style are dropped")
    func identifiers() {
        #expect(Sanitizer.sanitize("<h2 id=\"install\" class=\"banner\" style=\"color:red\">Install</h2>")
            == "<h2 id=\"user-content-install\">Install</h2>")
        #expect(Sanitizer.sanitize("<a name=\"step-3\"></a>") == "<a name=\"user-content-step-3\"></a>")
    }

    @Test("Unknown but harmless elements are dropped and their text kept")
    func unknownElementsKeepText() {
        #expect(Sanitizer.sanitize("<font color=red>warm</font> <center>c</center>") == "warm <center>c</center>")
        #expect(Sanitizer.sanitize("<section><p>x</p></section>") == "<p>x</p>")
    }

    @Test("Text keeps well-formed character references and escapes everything else")
    func textEscaping() {
        #expect(Sanitizer.sanitize("<p>&lt;b&gt; &amp; & &copy; &#x41; &#65; &bogus a \"q\" > <</p>")
            == "<p>&lt;b&gt; &amp; &amp; &copy; &#x41; &#65; &amp;bogus a &quot;q&quot; &gt; &lt;</p>")
    }

    @Test("Comments, doctypes and processing instructions are dropped")
    func commentsDropped() {
        #expect(Sanitizer.sanitize("<!-- note -->") == "")
        #expect(Sanitizer.sanitize("<!DOCTYPE html><?php echo 1 ?><p>x</p>") == "<p>x</p>")
        #expect(Sanitizer.sanitize("a<!---->b<!-->c<!--->d") == "abcd")
    }

    @Test("End tags of void elements are dropped; attributes on end tags are ignored")
    func endTags() {
        #expect(Sanitizer.sanitize("</br></img></p class=x>") == "</p>")
    }

    @Test("The first of two same-named attributes wins, as in browsers")
    func duplicateAttributes() {
        #expect(Sanitizer.sanitize("<a href='https://ok' href=\"javascript:x\">") == "<a href=\"https://ok\">")
        #expect(Sanitizer.sanitize("<a href=\"javascript:x\" href='https://ok'>") == "<a>")
    }

    @Test("Only the first 64 attributes of a tag are considered")
    func attributeLimit() {
        let many = (0..<100).map { " data-\($0)=x" }.joined()
        #expect(Sanitizer.sanitize("<p\(many) title=late>x</p>") == "<p>x</p>")
    }

    @Test("Fragments split where Markdown splits inline HTML sanitize independently")
    func inlinePieces() {
        var out: [UInt8] = []
        for piece in ["<a href=\"/wiki/Home\">", "</a>", "<!-- c -->", "<span title=\"t\">", "</span>"] {
            Sanitizer.sanitize(Array(piece.utf8)[...], into: &out)
        }
        #expect(String(decoding: out, as: UTF8.self) == "<a href=\"/wiki/Home\"></a><span title=\"t\"></span>")
    }

    @Test("Pathological input stays linear: 100,000 unclosed tags and quotes")
    func pathological() {
        let tags = String(repeating: "<a href=\"", count: 20_000)
        #expect(Sanitizer.sanitize(tags).hasPrefix("&lt;a href=&quot;&lt;a href="))
        let nested = String(repeating: "<svg>", count: 50_000) + "x" + String(repeating: "</svg>", count: 50_000) + "y"
        #expect(Sanitizer.sanitize(nested) == "y")
        let comments = String(repeating: "<!--", count: 50_000)
        #expect(Sanitizer.sanitize(comments) == "")
    }
}
