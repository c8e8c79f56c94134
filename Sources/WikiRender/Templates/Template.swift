/// A template in a small subset of Mustache, parsed once into nodes and rendered many times.
///
/// - `{{name}}`, `{{page.title}}`, `{{.}}`: a value; text is escaped, `SafeHTML` is inserted as it is.
/// - `{{{name}}}`, `{{&name}}`: the same. Only a `SafeHTML` value is ever inserted unescaped, so
///   triple braces cannot turn a user's string into markup; they only say "HTML expected here".
/// - `{{#name}}…{{/name}}`: repeated for each item of a list, shown once for any other truthy value
///   (a dictionary or text becomes the innermost context); `{{^name}}…{{/name}}` when falsy or missing.
/// - `{{> name}}`: another template of the theme, with the same context.
/// - `{{! comment }}`: nothing. A line holding only a section, comment or partial tag disappears whole
///   (a standalone partial is not re-indented, unlike full Mustache).
///
/// Escaping also knows a little about where a value stands: a value that starts a URL attribute
/// (`href="{{url}}"`) must pass `URLPolicy` or becomes `#`, and a value right after `=` without a
/// quote is a parse error, since escaping cannot protect an unquoted attribute.
public struct Template: Sendable {
    /// Partials may include partials this deep; beyond it rendering fails (a cycle, most likely).
    public static let maxPartialDepth = 32
    /// Sections may nest this deep in one template.
    public static let maxSectionDepth = 64

    /// The template's name (its file name without `.html`), used in errors and by `{{> name}}`.
    public let name: String
    let nodes: [Node]

    /// One parsed piece of a template.
    indirect enum Node: Hashable, Sendable {
        /// Literal bytes.
        case text([UInt8])
        /// `{{name}}`: a dotted path (`["."]` for the current value) and where in the markup it stands.
        case value(path: [String], line: Int, context: ValueContext)
        /// `{{#name}}` (or `{{^name}}` when inverted) and its content.
        case section(path: [String], inverted: Bool, content: [Node], line: Int)
        /// `{{> name}}`.
        case partial(name: String, line: Int)
    }

    /// Where a `{{name}}` stands in the template's markup, as far as escaping cares.
    enum ValueContext: Hashable, Sendable {
        /// Text or the middle of an attribute value: escaping is enough.
        case text
        /// The start of a link attribute (`href="{{x}}"`): the value must also pass `URLPolicy`, or
        /// `javascript:` would survive escaping.
        case link
        /// The start of an image source (`src="{{x}}"`): `URLPolicy` with `image: true`.
        case image
    }

    /// Parses `source`; throws `TemplateError.syntax` with the line of the first problem.
    public init(name: String, source: String) throws {
        self.name = name
        self.nodes = try TemplateParser(template: name, source: Array(source.utf8)).parse()
    }

    /// The names of the partials this template includes (checked when a theme is loaded).
    var partialNames: [(name: String, line: Int)] {
        var found: [(String, Int)] = []
        var pending = nodes
        while let node = pending.popLast() {
            switch node {
            case .partial(let name, let line): found.append((name, line))
            case .section(_, _, let content, _): pending += content
            case .text, .value: break
            }
        }
        return found
    }
}
