/// A value a template can show: text (escaped), `SafeHTML` (inserted as it is), a flag, a list or a
/// dictionary of named values. No `Any`, no reflection: the page code builds these explicitly.
public enum TemplateValue: Hashable, Sendable {
    /// Text; always escaped when inserted.
    case string(String)
    /// Markup made by this module (rendered Markdown, a diff); the only thing inserted unescaped.
    case safeHTML(SafeHTML)
    /// A flag for `{{#name}}` / `{{^name}}` sections.
    case bool(Bool)
    /// Items a `{{#name}}` section repeats over.
    case list([TemplateValue])
    /// Named values; dotted names (`page.title`) reach inside.
    case dictionary([String: TemplateValue])

    /// Whether a `{{#section}}` shows: false, an empty list, an empty string and empty HTML do not.
    public var isTruthy: Bool {
        switch self {
        case .string(let text): !text.isEmpty
        case .safeHTML(let html): !html.bytes.isEmpty
        case .bool(let flag): flag
        case .list(let items): !items.isEmpty
        case .dictionary: true
        }
    }

    /// The value named `key` when this is a dictionary.
    public subscript(key: String) -> TemplateValue? {
        guard case .dictionary(let values) = self else { return nil }
        return values[key]
    }
}

extension TemplateValue: ExpressibleByStringLiteral {
    /// A string literal is `.string`.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    /// A boolean literal is `.bool`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    /// An array literal is `.list`.
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    /// A dictionary literal is `.dictionary` (a repeated key keeps the last value).
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .dictionary(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
}
