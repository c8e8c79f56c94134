import Foundation

/// A theme: the `*.html` templates and the `style.css` of one directory (`themes/<name>/`), read and
/// parsed once at start-up. Loading fails with the file and line of the first broken template, and
/// checks that every `{{> partial}}` names a template of the theme, so a bad theme stops the daemon
/// at start rather than failing one page at a time.
public struct Theme: Sendable {
    /// Limits on what a theme directory may hold.
    public enum Limits {
        /// Largest template or stylesheet, in bytes.
        public static let maxFileSize = 1024 * 1024
        /// Most templates in one theme.
        public static let maxTemplates = 200
    }

    /// The directory's last path component (`default` for `themes/default`).
    public let name: String
    /// The templates by name (file name without `.html`).
    public let templates: [String: Template]
    /// The bytes of `style.css`.
    public let stylesheet: [UInt8]
    /// The bytes of `app.js` (progressive enhancement only: every page works without it), or nil.
    public let script: [UInt8]?

    /// Loads the theme in `directory` (the path of `themes/<name>`).
    public init(directory: String) throws {
        let url = URL(fileURLWithPath: directory, isDirectory: true)
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw TemplateError.unreadable(path: url.path, reason: "not a readable directory")
        }
        let templateFiles = files.filter { $0.hasSuffix(".html") }.sorted()
        guard templateFiles.count <= Limits.maxTemplates else {
            throw TemplateError.unreadable(path: url.path, reason: "more than \(Limits.maxTemplates) templates")
        }
        var templates: [String: Template] = [:]
        for file in templateFiles {
            let name = String(file.dropLast(".html".count))
            let source = try Self.readText(url.appendingPathComponent(file))
            templates[name] = try Template(name: name, source: source)
        }
        for template in templates.values.sorted(by: { $0.name < $1.name }) {
            for (partial, line) in template.partialNames where templates[partial] == nil {
                throw TemplateError.missingPartial(template: template.name, line: line, partial: partial)
            }
        }
        self.name = url.lastPathComponent
        self.templates = templates
        self.stylesheet = Array(try Self.readText(url.appendingPathComponent("style.css")).utf8)
        let scriptURL = url.appendingPathComponent("app.js")
        self.script = FileManager.default.fileExists(atPath: scriptURL.path) ? Array(try Self.readText(scriptURL).utf8) : nil
    }

    /// Loads `themes/<name>` under `root` (the directory that holds the themes).
    public init(named name: String, in root: String) throws {
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
            throw TemplateError.unreadable(path: name, reason: "a theme name is one directory name")
        }
        try self.init(directory: URL(fileURLWithPath: root).appendingPathComponent(name).path)
    }

    /// Renders the template `name` with `context`, its partials taken from this theme.
    public func render(_ name: String, _ context: TemplateValue) throws -> SafeHTML {
        guard let template = templates[name] else { throw TemplateError.missingTemplate(theme: self.name, name: name) }
        return try template.render(context, partials: templates)
    }

    /// A file's text: at most `Limits.maxFileSize` bytes of valid UTF-8.
    private static func readText(_ url: URL) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TemplateError.unreadable(path: url.path, reason: "missing or unreadable")
        }
        guard data.count <= Limits.maxFileSize else {
            throw TemplateError.unreadable(path: url.path, reason: "larger than \(Limits.maxFileSize) bytes")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw TemplateError.unreadable(path: url.path, reason: "not valid UTF-8")
        }
        return text
    }
}
