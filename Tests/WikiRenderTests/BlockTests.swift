import Testing
@testable import WikiRender

/// Renders with the bare CommonMark core and raw HTML passed through (as the spec examples do).
func core(_ source: String, _ extensions: Set<GFMExtension> = []) -> String {
    Markdown.renderString(source, options: MarkdownOptions(extensions: extensions, unsafeHTML: true))
}

@Suite("Block structure")
struct BlockTests {
    @Test("Paragraphs are separated by blank lines; lines inside one are joined by soft breaks")
    func paragraphs() {
        #expect(core("first line\nsecond line\n\n\nnext para") == "<p>first line\nsecond line</p>\n<p>next para</p>\n")
    }

    @Test(arguments: [
        ("___", "<hr />\n"),
        (" * * *", "<hr />\n"),
        ("-\t-\t-", "<hr />\n"),
        ("--", "<p>--</p>\n"),
        ("    ***", "<pre><code>***\n</code></pre>\n"),
    ])
    func thematicBreaks(_ source: String, _ html: String) { #expect(core(source) == html) }

    @Test(arguments: [
        ("### Deploy steps ###", "<h3>Deploy steps</h3>\n"),
        ("#5 bolt", "<p>#5 bolt</p>\n"),
        ("###### six", "<h6>six</h6>\n"),
        ("####### seven", "<p>####### seven</p>\n"),
        ("## ", "<h2></h2>\n"),
        ("# C# #", "<h1>C#</h1>\n"),
        ("# trailing\\#", "<h1>trailing#</h1>\n"),
    ])
    func atxHeadings(_ source: String, _ html: String) { #expect(core(source) == html) }

    @Test("Setext underlines make level 1 and 2 headings from the paragraph above")
    func setextHeadings() {
        #expect(core("Runbook\n=====\nSteps\n  ---") == "<h1>Runbook</h1>\n<h2>Steps</h2>\n")
        #expect(core("two\nlines\n===") == "<h1>two\nlines</h1>\n")
    }

    @Test("A setext underline after only a reference definition is a paragraph")
    func setextAfterDefinitionOnly() {
        #expect(core("[ref]: /x\n===") == "<p>===</p>\n")
    }

    @Test("Indented code keeps inner blank lines and drops trailing ones")
    func indentedCode() {
        #expect(core("    let a = 1\n\n      b()\n\n\n") == "<pre><code>let a = 1\n\n  b()\n</code></pre>\n")
    }

    @Test("An indented line cannot interrupt a paragraph")
    func indentedContinuation() {
        #expect(core("text\n    more") == "<p>text\nmore</p>\n")
    }

    @Test("Fenced code keeps its language as an escaped class and its text verbatim")
    func fencedCode() {
        #expect(core("```sh <x>\n$ echo \"&\"\n```") == "<pre><code class=\"language-sh\">$ echo &quot;&amp;&quot;\n</code></pre>\n")
        #expect(core("~~~ a\"b\nx\n~~~") == "<pre><code class=\"language-a&quot;b\">x\n</code></pre>\n")
    }

    @Test("A fence closes only with at least as many fence characters; unclosed runs to the end")
    func fenceLengths() {
        #expect(core("````\n```\n````") == "<pre><code>```\n</code></pre>\n")
        #expect(core("```\nopen\n\nstill") == "<pre><code>open\n\nstill\n</code></pre>\n")
    }

    @Test("Fence indentation is removed from the content lines")
    func fenceIndent() {
        #expect(core("  ```\n   a\n  b\nc\n  ```") == "<pre><code> a\nb\nc\n</code></pre>\n")
    }

    @Test("Entities and escapes in an info string are decoded")
    func infoStringDecoding() {
        #expect(core("``` c&#43;&#43;\n```") == "<pre><code class=\"language-c++\"></code></pre>\n")
    }

    @Test("HTML blocks of each start condition")
    func htmlBlocks() {
        #expect(core("<div class=\"x\">\n*raw*\n</div>") == "<div class=\"x\">\n*raw*\n</div>\n")
        #expect(core("<!-- note\n\nstill comment -->\nafter") == "<!-- note\n\nstill comment -->\n<p>after</p>\n")
        #expect(core("<pre>\n\n**x**\n</pre>\n*y*") == "<pre>\n\n**x**\n</pre>\n<p><em>y</em></p>\n")
        #expect(core("<custom-tag data-a='1'>\n\n*z*") == "<custom-tag data-a='1'>\n<p><em>z</em></p>\n")
    }

    @Test("A type 7 tag cannot interrupt a paragraph")
    func htmlType7DoesNotInterrupt() {
        #expect(core("para\n<span>\n") == "<p>para\n<span></p>\n")
    }

    @Test("Block quotes, lazy continuation and nesting")
    func blockQuotes() {
        #expect(core("> quoted\nlazy") == "<blockquote>\n<p>quoted\nlazy</p>\n</blockquote>\n")
        #expect(core(">> deep\n> shallow") == "<blockquote>\n<blockquote>\n<p>deep\nshallow</p>\n</blockquote>\n</blockquote>\n")
        #expect(core("> a\n\n> b") == "<blockquote>\n<p>a</p>\n</blockquote>\n<blockquote>\n<p>b</p>\n</blockquote>\n")
    }

    @Test("Tabs count to the next multiple of four columns")
    func tabs() {
        #expect(core(">\t\tcode") == "<blockquote>\n<pre><code>  code\n</code></pre>\n</blockquote>\n")
        #expect(core("-\tx\n\n\ty") == "<ul>\n<li>\n<p>x</p>\n<p>y</p>\n</li>\n</ul>\n")
    }

    @Test("NUL bytes become U+FFFD")
    func nulReplaced() {
        #expect(Markdown.render([97, 0, 98], options: MarkdownOptions(unsafeHTML: true)).html.string == "<p>a\u{FFFD}b</p>\n")
    }

    @Test("CR and CRLF line endings end lines like LF")
    func lineEndings() {
        #expect(core("a\r\nb\rc\n\r\nd") == "<p>a\nb\nc</p>\n<p>d</p>\n")
    }
}
