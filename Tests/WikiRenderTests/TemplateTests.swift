import Testing
@testable import WikiRender

@Suite("Template rendering")
struct TemplateTests {
    private func render(_ source: String, _ context: TemplateValue, partials: [String: String] = [:]) throws -> String {
        let parsed = try partials.mapValues { try Template(name: "p", source: $0) }
        return try Template(name: "t", source: source).render(context, partials: parsed).string
    }

    @Test("Text is escaped by default, in double and triple braces alike")
    func escaping() throws {
        let context: TemplateValue = ["title": "<script>alert(\"x\")</script> & co"]
        #expect(try render("<h1>{{title}}</h1>", context) == "<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</h1>")
        #expect(try render("{{{title}}}|{{& title}}", context)
            == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co|&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co")
        #expect(try render("<a title=\"{{title}}\">", ["title": "\" onclick=\"x"]) == "<a title=\"&quot; onclick=&quot;x\">")
    }

    @Test("SafeHTML is inserted as it is")
    func safeHTML() throws {
        let body = Markdown.render(Array("a < b".utf8)).html
        #expect(try render("<main>{{{body}}}</main><p>{{body}}</p>", ["body": .safeHTML(body)])
            == "<main>\(body.string)</main><p>\(body.string)</p>")
    }

    @Test("Missing values render as nothing; flags as true/false")
    func missingAndFlags() throws {
        #expect(try render("[{{nothing}}][{{a.b.c}}][{{flag}}]", ["flag": true]) == "[][][true]")
    }

    @Test("Sections repeat over lists with each item as the context")
    func lists() throws {
        let context: TemplateValue = ["pages": [["name": "Home", "size": "1"], ["name": "A&B", "size": "2"]]]
        #expect(try render("{{#pages}}<li>{{name}} ({{size}})</li>{{/pages}}", context)
            == "<li>Home (1)</li><li>A&amp;B (2)</li>")
        #expect(try render("{{#tags}}[{{.}}]{{/tags}}", ["tags": ["ops", "<db>"]]) == "[ops][&lt;db&gt;]")
    }

    @Test("Truthy values show a section once; falsy and missing ones show the inverted section")
    func truthiness() throws {
        let context: TemplateValue = ["yes": true, "no": false, "empty": [], "blank": "", "user": ["name": "ann"]]
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{#empty}}E{{/empty}}{{#blank}}B{{/blank}}{{#gone}}G{{/gone}}", context) == "Y")
        #expect(try render("{{^yes}}Y{{/yes}}{{^no}}N{{/no}}{{^empty}}E{{/empty}}{{^blank}}B{{/blank}}{{^gone}}G{{/gone}}", context) == "NEBG")
        #expect(try render("{{#user}}Hi {{name}}{{/user}}", context) == "Hi ann")
    }

    @Test("Dotted names look inside dictionaries; outer contexts stay visible")
    func dottedNames() throws {
        let context: TemplateValue = ["page": ["title": "Runbook", "author": ["name": "Bo"]], "site": "Ops",
                                      "items": [["x": "1"]]]
        #expect(try render("{{page.title}} by {{page.author.name}}", context) == "Runbook by Bo")
        #expect(try render("{{#items}}{{x}}@{{site}}/{{page.title}}{{/items}}", context) == "1@Ops/Runbook")
        #expect(try render("{{#page}}{{title}}{{/page}}", context) == "Runbook")
    }

    @Test("Partials render with the caller's context")
    func partials() throws {
        #expect(try render("<ul>{{#a}}{{> item}}{{/a}}</ul>", ["a": [["n": "1"], ["n": "2"]]], partials: ["item": "<li>{{n}}</li>"])
            == "<ul><li>1</li><li>2</li></ul>")
    }

    @Test("Comments render as nothing")
    func comments() throws {
        #expect(try render("a{{! a comment\nover lines }}b", [:]) == "ab")
    }

    @Test("Lines holding only a section, comment or partial tag disappear")
    func standaloneLines() throws {
        let source = "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n  {{! note }}\n</ul>\n"
        #expect(try render(source, ["items": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
        #expect(try render("{{#x}}\r\nyes\r\n{{/x}}\r\n", ["x": true]) == "yes\r\n")
        #expect(try render("  {{#x}}y{{/x}}  \n", ["x": true]) == "  y  \n")
    }

    @Test("A list or dictionary where text is expected is an error naming the line")
    func notText() {
        #expect(throws: TemplateError.notText(template: "t", line: 2, name: "items")) {
            try render("ok\n{{items}}", ["items": ["a"]])
        }
    }

    @Test("Recursive partials stop at the depth limit")
    func recursion() throws {
        let loop = try Template(name: "loop", source: "x{{> loop}}")
        #expect(throws: TemplateError.partialsTooDeep(template: "loop", line: 1)) {
            try loop.render([:], partials: ["loop": loop])
        }
        #expect(throws: TemplateError.missingPartial(template: "t", line: 1, partial: "nope")) {
            try render("{{> nope}}", [:])
        }
    }

    @Test("A value that starts a URL attribute must pass URLPolicy or becomes #")
    func urlAttributes() throws {
        let context: TemplateValue = ["bad": "javascript:alert(1)", "page": "/wiki/Home", "png": "data:image/png;base64,AA",
                                      "html": "data:text/html,x", "name": "javascript:x"]
        #expect(try render("<a href=\"{{bad}}\">|<a class=x HREF = '{{page}}'>", context) == "<a href=\"#\">|<a class=x HREF = '/wiki/Home'>")
        #expect(try render("<img src=\"{{png}}\"><img src=\"{{html}}\"><a href=\"{{png}}\">", context)
            == "<img src=\"data:image/png;base64,AA\"><img src=\"#\"><a href=\"#\">")
        #expect(try render("<a href=\"/wiki/{{name}}\" title=\"{{bad}}\">{{bad}}</a>", context)
            == "<a href=\"/wiki/javascript:x\" title=\"javascript:alert(1)\">javascript:alert(1)</a>")
        #expect(try render("<a href=\"{{{html}}}\">", ["html": .safeHTML(SafeHTML(escaping: "javascript:x"))]) == "<a href=\"#\">")
    }
}
