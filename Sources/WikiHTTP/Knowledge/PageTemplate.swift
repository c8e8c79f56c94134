import Foundation

/// A page under `_templates/` offered on `/new`, and the placeholders it may use.
enum PageTemplate {
    /// The folder templates live in (issue 10: `_templates/runbook.md`, `_templates/postmortem.md`).
    static let folder = "_templates"

    /// `text` with `{{date}}`, `{{author}}` and `{{title}}` (inner blanks allowed: `{{ date }}`) replaced by
    /// `values`; any other `{{…}}` is left exactly as written, so a template can show placeholders to fill by hand.
    static func fill(_ text: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = after[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if let value = values[name], !after[..<close.lowerBound].contains("{") {
                out += value
                rest = after[close.upperBound...]
            } else {
                out += "{{"
                rest = after
            }
        }
        return out + rest
    }
}
