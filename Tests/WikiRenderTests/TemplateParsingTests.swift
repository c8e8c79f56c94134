import Testing
@testable import WikiRender

@Suite("Template parse errors")
struct TemplateParsingTests {
    @Test("Broken templates fail with the template name, line and reason", arguments: [
        ("a\n{{title", 2, "unclosed tag {{ (no matching }})"),
        ("{{{raw}}", 1, "unclosed tag {{ (no matching }}})"),
        ("x\ny\n{{#list}}\n", 3, "{{#list}} is never closed"),
        ("{{^flag}}", 1, "{{^flag}} is never closed"),
        ("{{#a}}\n{{/b}}", 2, "{{/b}} does not close {{#a}} opened on line 1"),
        ("{{/a}}", 1, "{{/a}} closes no open section"),
        ("{{}}", 1, "invalid name \"\" (letters, digits, _ and - separated by dots)"),
        ("{{a..b}}", 1, "invalid name \"a..b\" (letters, digits, _ and - separated by dots)"),
        ("{{a b}}", 1, "invalid name \"a b\" (letters, digits, _ and - separated by dots)"),
        ("{{> ../etc/passwd}}", 1, "invalid partial name \"../etc/passwd\""),
        ("{{=<% %>=}}", 1, "changing delimiters ({{=…=}}) is not supported"),
        ("{{! multi\nline }}\n\n{{#x}}{{/y}}", 4, "{{/y}} does not close {{#x}} opened on line 4"),
        ("<p>\n<a title={{x}}>", 2, "a value in an unquoted attribute; write name=\"{{…}}\""),
        ("<img alt= {{{x}}} >", 1, "a value in an unquoted attribute; write name=\"{{…}}\""),
    ] as [(String, Int, String)])
    func syntaxErrors(_ source: String, _ line: Int, _ message: String) {
        #expect(throws: TemplateError.syntax(template: "page", line: line, message: message)) {
            try Template(name: "page", source: source)
        }
    }

    @Test("The error's description names the template and the line")
    func description() {
        let error = TemplateError.syntax(template: "page", line: 7, message: "{{#a}} is never closed")
        #expect(error.description == "template page, line 7: {{#a}} is never closed")
    }

    @Test("Sections nested past the limit are refused")
    func depthLimit() {
        let deep = String(repeating: "{{#a}}", count: 100) + String(repeating: "{{/a}}", count: 100)
        #expect(throws: TemplateError.syntax(template: "t", line: 1, message: "sections nested more than 64 deep")) {
            try Template(name: "t", source: deep)
        }
    }

    @Test("Text without tags, and lone braces, are kept as they are")
    func plainText() throws {
        let template = try Template(name: "t", source: "a { b } c }} d")
        #expect(try template.render([:]).string == "a { b } c }} d")
    }
}
