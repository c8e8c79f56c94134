import Testing
@testable import WikiRender

/// cmark's pathological inputs (test/pathological_tests.py), 100 KB–1 MB each: the output must be
/// right and the renderer must finish (their speed is measured in Benchmarks/, not here).
@Suite("Pathological input")
struct PathologicalTests {
    func repeated(_ text: String, _ count: Int) -> String { String(repeating: text, count: count) }

    @Test("Nested strong and emphasis: *a **a … b … a** a*")
    func nestedStrongEmphasis() {
        let n = 30_000
        let source = repeated("*a **a ", n) + "b" + repeated(" a** a*", n)
        #expect(core(source) == "<p>" + repeated("<em>a <strong>a ", n) + "b" + repeated(" a</strong> a</em>", n) + "</p>\n")
    }

    @Test("Emphasis openers or closers with no partner")
    func unmatchedEmphasis() {
        #expect(core(repeated("_a ", 65_000)) == "<p>" + repeated("_a ", 64_999) + "_a</p>\n")
        #expect(core(repeated("a_ ", 65_000)) == "<p>" + repeated("a_ ", 64_999) + "a_</p>\n")
        #expect(core(repeated("*a_ ", 50_000)) == "<p>" + repeated("*a_ ", 49_999) + "*a_</p>\n")
    }

    @Test("Closers that are multiples of three: a**b c* c* …")
    func multiplesOfThree() {
        #expect(core("a**b" + repeated("c* ", 50_000)) == "<p>a**b" + repeated("c* ", 49_999) + "c*</p>\n")
    }

    @Test("Deeply nested emphasis markers")
    func nestedEmphasisMarkers() {
        let source = repeated("*", 20_000) + "a" + repeated("*", 20_000)
        #expect(core(source) == "<p>" + repeated("<strong>", 10_000) + "a" + repeated("</strong>", 10_000) + "</p>\n")
    }

    @Test("Runs of [ and ] with no links")
    func brackets() {
        #expect(core(repeated("[a", 65_000)) == "<p>" + repeated("[a", 65_000) + "</p>\n")
        #expect(core(repeated("a]", 65_000)) == "<p>" + repeated("a]", 65_000) + "</p>\n")
        #expect(core(repeated("[", 50_000) + "a" + repeated("]", 50_000)) == "<p>" + repeated("[", 50_000) + "a" + repeated("]", 50_000) + "</p>\n")
        #expect(core(repeated("[ a_", 50_000)) == "<p>" + repeated("[ a_", 49_999) + "[ a_</p>\n")
    }

    @Test("Links nested 50,000 deep: only the innermost is a link")
    func nestedLinks() {
        let source = repeated("[", 50_000) + "a" + repeated("](b)", 50_000)
        #expect(core(source) == "<p>" + repeated("[", 49_999) + "<a href=\"b\">a</a>" + repeated("](b)", 49_999) + "</p>\n")
    }

    @Test("Images nested 50,000 deep")
    func nestedImages() {
        let source = repeated("![", 50_000) + "a" + repeated("](b)", 50_000)
        #expect(core(source) == "<p><img src=\"b\" alt=\"a\" /></p>\n")
    }

    @Test("Runs of open image brackets with empty links: ![[]()")
    func openImageBrackets() {
        #expect(core(repeated("![[]()", 160_000)) == "<p>" + repeated("![<a href=\"\"></a>", 160_000) + "</p>\n")
    }

    @Test("[ (]( repeated")
    func bracketParen() {
        #expect(core(repeated("[ (](", 80_000)) == "<p>" + repeated("[ (](", 80_000) + "</p>\n")
    }

    @Test("Unclosed inline links, with and without <")
    func unclosedLinks() {
        #expect(core(repeated("[a](<b", 30_000)) == "<p>" + repeated("[a](&lt;b", 30_000) + "</p>\n")
        #expect(core(repeated("[a](b", 30_000)) == "<p>" + repeated("[a](b", 30_000) + "</p>\n")
    }

    @Test("Backtick runs of every length up to 5,000")
    func backticks() {
        let source = (1..<5_000).map { "e" + String(repeating: "`", count: $0) }.joined()
        #expect(core(source) == "<p>" + source + "</p>\n")
    }

    @Test("Unclosed comments, processing instructions, declarations and CDATA")
    func unclosedHTML() {
        #expect(core("</" + repeated("<!--", 100_000)) == "<p>&lt;/" + repeated("&lt;!--", 100_000) + "</p>\n")
        #expect(core("a" + repeated("<?", 100_000)) == "<p>a" + repeated("&lt;?", 100_000) + "</p>\n")
        #expect(core("a" + repeated("<!A ", 100_000)) == "<p>a" + repeated("&lt;!A ", 99_999) + "&lt;!A</p>\n")
        #expect(core("a" + repeated("<![CDATA[", 50_000)) == "<p>a" + repeated("&lt;![CDATA[", 50_000) + "</p>\n")
    }

    @Test("Block quotes nested 50,000 deep")
    func nestedBlockQuotes() {
        #expect(core(repeated("> ", 50_000) + "a") == repeated("<blockquote>\n", 50_000) + "<p>a</p>\n" + repeated("</blockquote>\n", 50_000))
    }

    @Test("Lists nested 1,000 deep by indentation")
    func nestedLists() {
        let source = (0..<1_000).map { String(repeating: "  ", count: $0) + "* a\n" }.joined()
        let html = core(source)
        #expect(html.hasPrefix(repeated("<ul>\n<li>a\n", 999) + "<ul>\n<li>a</li>\n</ul>\n</li>\n"))
        #expect(html.hasSuffix(repeated("</ul>\n</li>\n", 998) + "</ul>\n"))
    }

    @Test("A line of 50,000 list markers nests 50,000 lists")
    func markersOnOneLine() {
        #expect(core(repeated("- ", 50_000) + "a") == repeated("<ul>\n<li>\n", 49_999) + "<ul>\n<li>a</li>\n</ul>\n" + repeated("</li>\n</ul>\n", 49_999))
    }

    @Test("50,000 reference definitions, all used")
    func manyReferences() {
        let definitions = (0..<50_000).map { "[\($0)]: /u\($0)\n" }.joined()
        let uses = (0..<50_000).map { "[\($0)]" }.joined(separator: " ")
        let expected = "<p>" + (0..<50_000).map { "<a href=\"/u\($0)\">\($0)</a>" }.joined(separator: " ") + "</p>\n"
        #expect(core(definitions + "\n" + uses) == expected)
    }

    @Test("Reference expansion is capped (cmark's guard against quadratic output)")
    func referenceExpansionCap() {
        let source = "[a]: /" + repeated("x", 10_000) + "\n\n" + repeated("[a] ", 100_000)
        let html = core(source)
        #expect(html.count < 2_000_000)
        #expect(html.hasSuffix("[a] [a]</p>\n"))
    }

    @Test("Autolink triggers in bulk: www., http://, @")
    func autolinkFloods() {
        #expect(core(repeated("www.a.com ", 50_000), [.autolink]) == "<p>" + repeated("<a href=\"http://www.a.com\">www.a.com</a> ", 49_999) + "<a href=\"http://www.a.com\">www.a.com</a></p>\n")
        #expect(core(repeated("@", 200_000) + ".com", [.autolink]) == "<p>" + repeated("@", 200_000) + ".com</p>\n")
        let schemes = repeated("http://", 100_000)
        #expect(core(schemes, [.autolink]) == "<p><a href=\"\(schemes)\">\(schemes)</a></p>\n")
    }

    @Test("Wiki link openers with no closers")
    func wikiOpeners() {
        let options = MarkdownOptions(unsafeHTML: true, wikiLinks: true)
        #expect(Markdown.renderString(repeated("[[a", 100_000), options: options) == "<p>" + repeated("[[a", 100_000) + "</p>\n")
    }

    @Test("A table row with 10,000 cells under a wide header")
    func wideTable() {
        let source = "|" + repeated("a|", 10_000) + "\n|" + repeated("-|", 10_000) + "\n" + repeated("b\n", 20)
        let html = core(source, [.table])
        #expect(html.components(separatedBy: "<td></td>").count - 1 == 20 * 9_999)
        #expect(html.hasSuffix("</tbody>\n</table>\n"))
    }
}
