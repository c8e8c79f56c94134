import Foundation
import Testing
@testable import WikiRender

@Suite("Theme loading")
struct TemplateThemeTests {
    /// A theme directory under a fresh temporary directory, removed by `remove()`.
    private struct TemporaryTheme {
        let root: URL
        var directory: URL { root.appendingPathComponent("plain") }
        init(_ files: [String: String]) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("theme-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("plain"), withIntermediateDirectories: true)
            for (name, text) in files {
                try Data(text.utf8).write(to: root.appendingPathComponent("plain").appendingPathComponent(name))
            }
        }
        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test("A theme loads its templates and stylesheet and renders with partials")
    func loads() throws {
        let files = ["page.html": "<title>{{title}}</title>{{> footer}}", "footer.html": "<footer>{{site}}</footer>",
                     "style.css": "body { color: #222 }", "README.txt": "ignored"]
        let temporary = try TemporaryTheme(files)
        defer { temporary.remove() }
        let theme = try Theme(named: "plain", in: temporary.root.path)
        #expect(theme.name == "plain")
        #expect(Set(theme.templates.keys) == ["page", "footer"])
        #expect(theme.stylesheet == Array("body { color: #222 }".utf8))
        #expect(try theme.render("page", ["title": "A<B", "site": "ops"]).string == "<title>A&lt;B</title><footer>ops</footer>")
        #expect(throws: TemplateError.missingTemplate(theme: "plain", name: "nope")) { try theme.render("nope", [:]) }
    }

    @Test("A broken template stops loading with its name and line")
    func brokenTemplate() throws {
        let temporary = try TemporaryTheme(["page.html": "ok\n{{#list}}", "style.css": ""])
        defer { temporary.remove() }
        #expect(throws: TemplateError.syntax(template: "page", line: 2, message: "{{#list}} is never closed")) {
            try Theme(directory: temporary.directory.path)
        }
    }

    @Test("A partial that names no template is found at load time")
    func missingPartial() throws {
        let temporary = try TemporaryTheme(["page.html": "a\nb\n{{> header}}", "style.css": ""])
        defer { temporary.remove() }
        #expect(throws: TemplateError.missingPartial(template: "page", line: 3, partial: "header")) {
            try Theme(directory: temporary.directory.path)
        }
    }

    @Test("A missing stylesheet, directory, bad name or invalid UTF-8 is a clear error")
    func unreadable() throws {
        let temporary = try TemporaryTheme(["page.html": "x"])
        defer { temporary.remove() }
        let css = temporary.directory.appendingPathComponent("style.css").path
        #expect(throws: TemplateError.unreadable(path: css, reason: "missing or unreadable")) {
            try Theme(directory: temporary.directory.path)
        }
        let missing = temporary.root.appendingPathComponent("nope").path
        #expect(throws: TemplateError.unreadable(path: missing, reason: "not a readable directory")) {
            try Theme(named: "nope", in: temporary.root.path)
        }
        #expect(throws: TemplateError.unreadable(path: "..", reason: "a theme name is one directory name")) {
            try Theme(named: "..", in: temporary.root.path)
        }
        try Data([0x3C, 0xFF, 0xFE]).write(to: temporary.directory.appendingPathComponent("bad.html"))
        try Data().write(to: URL(fileURLWithPath: css))
        let bad = temporary.directory.appendingPathComponent("bad.html").path
        #expect(throws: TemplateError.unreadable(path: bad, reason: "not valid UTF-8")) {
            try Theme(directory: temporary.directory.path)
        }
    }
}
