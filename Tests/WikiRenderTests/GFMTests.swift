import Testing
@testable import WikiRender

@Suite("GFM extensions")
struct GFMTests {
    @Test("A table with alignments, inline content and an escaped pipe")
    func table() {
        let source = "| Host | Role | Load |\n|:-----|:----:|-----:|\n| db1 | `a\\|b` | *9* |\n"
        #expect(core(source, [.table]) == """
            <table>
            <thead>
            <tr>
            <th align="left">Host</th>
            <th align="center">Role</th>
            <th align="right">Load</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td align="left">db1</td>
            <td align="center"><code>a|b</code></td>
            <td align="right"><em>9</em></td>
            </tr>
            </tbody>
            </table>

            """)
    }

    @Test("Short rows are padded, long rows cut to the header's width")
    func rowWidths() {
        let html = core("a | b\n--|--\n1\n1 | 2 | 3", [.table])
        #expect(html.contains("<tr>\n<td>1</td>\n<td></td>\n</tr>"))
        #expect(html.contains("<tr>\n<td>1</td>\n<td>2</td>\n</tr>"))
        #expect(!html.contains("3"))
    }

    @Test("A header/delimiter mismatch is not a table")
    func mismatch() {
        #expect(core("| a | b |\n| - |\n", [.table]) == "<p>| a | b |\n| - |</p>\n")
    }

    @Test("Lines before the header stay a paragraph; a blank line or another block ends the table")
    func tableBoundaries() {
        let html = core("intro\n| h |\n| - |\n| r |\n> quote", [.table])
        #expect(html.hasPrefix("<p>intro</p>\n<table>\n<thead>\n<tr>\n<th>h</th>"))
        #expect(html.hasSuffix("</table>\n<blockquote>\n<p>quote</p>\n</blockquote>\n"))
    }

    @Test("Without the extension, pipes are text")
    func tableOff() {
        #expect(core("| a |\n| - |") == "<p>| a |\n| - |</p>\n")
    }

    @Test(arguments: [
        ("~~gone~~", "<p><del>gone</del></p>\n"),
        ("~one~", "<p><del>one</del></p>\n"),
        ("~~mixed~", "<p>~~mixed~</p>\n"),
        ("~~~three~~~", "<pre><code class=\"language-three~~~\"></code></pre>\n"),
        ("a ~~ b ~~ c", "<p>a ~~ b ~~ c</p>\n"),
    ])
    func strikethrough(_ source: String, _ html: String) { #expect(core(source, [.strikethrough]) == html) }

    @Test("Task list items become disabled checkboxes")
    func taskLists() {
        #expect(core("- [ ] open\n- [X] done\n- [y] plain", [.tasklist]) == """
            <ul>
            <li><input type="checkbox" disabled="" /> open</li>
            <li><input type="checkbox" checked="" disabled="" /> done</li>
            <li>[y] plain</li>
            </ul>

            """)
    }

    @Test("A task box needs a space or tab after it, and ends the line's block starts")
    func taskBoxEdges() {
        #expect(core("- [ ]", [.tasklist]) == "<ul>\n<li>[ ]</li>\n</ul>\n")
        #expect(core("* [x] > not a quote", [.tasklist]) == "<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> &gt; not a quote</li>\n</ul>\n")
    }

    @Test("With strikethrough on, tildes are skipped when judging the flanking of * and _")
    func tildeSkipping() {
        #expect(core("*a ~*", [.strikethrough]) == "<p>*a ~*</p>\n")
        #expect(core("*a~*", [.strikethrough]) == "<p><em>a~</em></p>\n")
        #expect(core("*a ~*") == "<p><em>a ~</em></p>\n")
    }

    @Test("Extended autolinks: not inside an open bracket; symbols may be part of the host")
    func autolinkContext() {
        #expect(core("[a www.x.com", [.autolink]) == "<p>[a www.x.com</p>\n")
        #expect(core("![x [a](u) http://b.c", [.autolink]) == "<p>![x <a href=\"u\">a</a> <a href=\"http://b.c\">http://b.c</a></p>\n")
        #expect(core("http://🍄.ga/", [.autolink]) == "<p><a href=\"http://%F0%9F%8D%84.ga/\">http://🍄.ga/</a></p>\n")
        #expect(core("http://-x.com", [.autolink]) == "<p>http://-x.com</p>\n")
    }

    @Test(arguments: [
        ("see www.example.com/a.", "<p>see <a href=\"http://www.example.com/a\">www.example.com/a</a>.</p>\n"),
        ("https://x.io/p(q)) end", "<p><a href=\"https://x.io/p(q)\">https://x.io/p(q)</a>) end</p>\n"),
        ("mail ops.team@corp.example.com!", "<p>mail <a href=\"mailto:ops.team@corp.example.com\">ops.team@corp.example.com</a>!</p>\n"),
        ("www.a_b.com", "<p>www.a_b.com</p>\n"),
        ("xhttp://no", "<p>xhttp://no</p>\n"),
        ("[www.in.link](/u)", "<p><a href=\"/u\">www.in.link</a></p>\n"),
        ("ftp://f.example.org/&amp;", "<p><a href=\"ftp://f.example.org/\">ftp://f.example.org/</a>&amp;</p>\n"),
        ("user@host", "<p>user@host</p>\n"),
    ])
    func extendedAutolinks(_ source: String, _ html: String) { #expect(core(source, [.autolink]) == html) }

    @Test("The tag filter escapes the opening bracket of disallowed tags only")
    func tagFilter() {
        #expect(core("<style>x</style>\n\n<b>ok</b> <TITLE>", [.tagfilter])
            == "&lt;style>x&lt;/style>\n<p><b>ok</b> &lt;TITLE></p>\n")
    }
}
