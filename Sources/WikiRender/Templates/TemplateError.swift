/// Why a template or a theme could not be loaded or rendered; each case names the template and,
/// where there is one, the line.
public enum TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The template's text is malformed (unclosed tag, mismatched section, bad name, …).
    case syntax(template: String, line: Int, message: String)
    /// `{{> name}}` names a template that does not exist.
    case missingPartial(template: String, line: Int, partial: String)
    /// Partials include each other more deeply than `Template.maxPartialDepth` (likely a cycle).
    case partialsTooDeep(template: String, line: Int)
    /// `{{name}}` names a list or a dictionary, which has no text to show.
    case notText(template: String, line: Int, name: String)
    /// The theme has no template of this name.
    case missingTemplate(theme: String, name: String)
    /// The theme's directory or one of its files cannot be read (missing, too large, not UTF-8).
    case unreadable(path: String, reason: String)

    /// A message fit for a log line or a start-up error.
    public var description: String {
        switch self {
        case .syntax(let template, let line, let message):
            "template \(template), line \(line): \(message)"
        case .missingPartial(let template, let line, let partial):
            "template \(template), line \(line): no template named \"\(partial)\" for {{> \(partial)}}"
        case .partialsTooDeep(let template, let line):
            "template \(template), line \(line): partials nested more than \(Template.maxPartialDepth) deep"
        case .notText(let template, let line, let name):
            "template \(template), line \(line): {{\(name)}} is a list or a dictionary, not text"
        case .missingTemplate(let theme, let name):
            "theme \(theme) has no template \(name).html"
        case .unreadable(let path, let reason):
            "cannot load \(path): \(reason)"
        }
    }
}
