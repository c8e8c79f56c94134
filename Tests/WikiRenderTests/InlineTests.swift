import Testing
@testable import WikiRender

@Suite("Inlines")
struct InlineTests {
    @Test(arguments: [
        ("*on call*", "<p><em>on call</em></p>\n"),
        ("__page__ me", "<p><strong>page</strong> me</p>\n"),
        ("***both***", "<p><em><strong>both</strong></em></p>\n"),
        ("snake_case_name", "<p>snake_case_name</p>\n"),
        ("2*3*4", "<p>2<em>3</em>4</p>\n"),
        ("* not emphasis *", "<ul>\n<li>not emphasis *</li>\n</ul>\n"),
        ("a * b * c", "<p>a * b * c</p>\n"),
        ("**unclosed *em*", "<p>**unclosed <em>em</em></p>\n"),
        ("*a **b** c*", "<p><em>a <strong>b</strong> c</em></p>\n"),
        ("_(x)_", "<p><em>(x)</em></p>\n"),
    ])
    func emphasis(_ source: String, _ html: String) { #expect(core(source) == html) }

    @Test("The multiple-of-three rule keeps `*a**b*` as one emphasis")
    func ruleOfThree() {
        #expect(core("*x**y*") == "<p><em>x**y</em></p>\n")
        #expect(core("**x*y**") == "<p><strong>x*y</strong></p>\n")
    }

    @Test("Unicode punctuation and symbols count for flanking")
    func unicodeFlanking() {
        #expect(core("*€*5") == "<p>*€*5</p>\n")
        #expect(core("«*x*»") == "<p>«<em>x</em>»</p>\n")
    }

    @Test(arguments: [
        ("`a  b`", "<p><code>a  b</code></p>\n"),
        ("`` a`b ``", "<p><code>a`b</code></p>\n"),
        ("` `", "<p><code> </code></p>\n"),
        ("`line\nbreak`", "<p><code>line break</code></p>\n"),
        ("``no close`", "<p>``no close`</p>\n"),
        ("`*not em*`", "<p><code>*not em*</code></p>\n"),
        ("`<tag>`", "<p><code>&lt;tag&gt;</code></p>\n"),
    ])
    func codeSpans(_ source: String, _ html: String) { #expect(core(source) == html) }

    @Test(arguments: [
        ("\\*lit\\*", "<p>*lit*</p>\n"),
        ("\\a\\", "<p>\\a\\</p>\n"),
        ("&copy; &#169; &#xA9;", "<p>© © ©</p>\n"),
        ("&nosuch; &#0;", "<p>&amp;nosuch; \u{FFFD}</p>\n"),
        ("&#12345678;", "<p>&amp;#12345678;</p>\n"),
        ("AT&T", "<p>AT&amp;T</p>\n"),
    ])
    func escapesAndEntities(_ source: String, _ html: String) { #expect(core(source) == html) }

    @Test("Hard breaks from two spaces or a backslash; trailing spaces of a soft break go")
    func lineBreaks() {
        #expect(core("a  \nb\\\nc \nd") == "<p>a<br />\nb<br />\nc\nd</p>\n")
        #expect(core("last  ") == "<p>last</p>\n")
    }

    @Test(arguments: [
        ("[docs](/docs \"The docs\")", "<p><a href=\"/docs\" title=\"The docs\">docs</a></p>\n"),
        ("[x](<a b> 'q')", "<p><a href=\"a%20b\" title=\"q\">x</a></p>\n"),
        ("[x](f(o)o)", "<p><a href=\"f(o)o\">x</a></p>\n"),
        ("[x]()", "<p><a href=\"\">x</a></p>\n"),
        ("[x](/ü?a=1&b=2)", "<p><a href=\"/%C3%BC?a=1&amp;b=2\">x</a></p>\n"),
        ("[a [b] c](/u)", "<p><a href=\"/u\">a [b] c</a></p>\n"),
        ("[outer [inner](/i)](/o)", "<p>[outer <a href=\"/i\">inner</a>](/o)</p>\n"),
        ("![alt *em*](/p.png \"t\")", "<p><img src=\"/p.png\" alt=\"alt em\" title=\"t\" /></p>\n"),
        ("[x](/u \"unclosed)", "<p>[x](/u &quot;unclosed)</p>\n"),
    ])
    func inlineLinks(_ source: String, _ html: String) { #expect(core(source) == html) }

    @Test("Reference links: full, collapsed, shortcut; labels match case-insensitively")
    func referenceLinks() {
        let defs = "\n\n[Ops Team]: /team 'Team page'\n[ß]: /eszett\n"
        #expect(core("[the team][ops  TEAM]" + defs) == "<p><a href=\"/team\" title=\"Team page\">the team</a></p>\n")
        #expect(core("[Ops Team][]" + defs) == "<p><a href=\"/team\" title=\"Team page\">Ops Team</a></p>\n")
        #expect(core("[ops team]" + defs) == "<p><a href=\"/team\" title=\"Team page\">ops team</a></p>\n")
        #expect(core("[SS]" + defs) == "<p><a href=\"/eszett\">SS</a></p>\n")
        #expect(core("[nope]" + defs) == "<p>[nope]</p>\n")
    }

    @Test("The first definition of a label wins; definitions render nothing")
    func firstDefinitionWins() {
        #expect(core("[a]: /one\n[A]: /two\n\n[a]") == "<p><a href=\"/one\">a</a></p>\n")
    }

    @Test("A definition's title may be on the next line; a broken title leaves a paragraph")
    func definitionTitles() {
        #expect(core("[t]: /u\n  \"T\"\n\n[t]") == "<p><a href=\"/u\" title=\"T\">t</a></p>\n")
        #expect(core("[t]: /u \"T\" junk\n\n[t]") == "<p>[t]: /u &quot;T&quot; junk</p>\n<p>[t]</p>\n")
    }

    @Test(arguments: [
        ("<https://example.org/a?b>", "<p><a href=\"https://example.org/a?b\">https://example.org/a?b</a></p>\n"),
        ("<ops@example.org>", "<p><a href=\"mailto:ops@example.org\">ops@example.org</a></p>\n"),
        ("x <not a link>", "<p>x <not a link></p>\n"),
        ("x <a@b>", "<p>x <a href=\"mailto:a@b\">a@b</a></p>\n"),
        ("<x:y>", "<p>&lt;x:y&gt;</p>\n"),
    ])
    func autolinks(_ source: String, _ html: String) { #expect(core(source) == html) }

    @Test(arguments: [
        ("a <b class=\"c\">x</b>", "<p>a <b class=\"c\">x</b></p>\n"),
        ("x <a href='x' disabled/>", "<p>x <a href='x' disabled/></p>\n"),
        ("x <!-- note --> y", "<p>x <!-- note --> y</p>\n"),
        ("x <!--> y", "<p>x <!--> y</p>\n"),
        ("x <?php y ?>", "<p>x <?php y ?></p>\n"),
        ("<a b=c=d>", "<p>&lt;a b=c=d&gt;</p>\n"),
        ("</x y>", "<p>&lt;/x y&gt;</p>\n"),
    ])
    func rawHTML(_ source: String, _ html: String) { #expect(core(source) == html) }
}
