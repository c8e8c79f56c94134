extension Template {
    /// Renders the template with `context`; `partials` resolves `{{> name}}` (a theme passes all of its
    /// templates). Text values are escaped; only `SafeHTML` values are inserted as they are.
    public func render(_ context: TemplateValue, partials: [String: Template] = [:]) throws -> SafeHTML {
        var out: [UInt8] = []
        var renderer = Renderer(partials: partials, stack: [context])
        try renderer.render(nodes, of: self, into: &out, depth: 0)
        return SafeHTML(trusted: out)
    }
}

/// The state of one rendering: the context stack (innermost last) and the partials.
private struct Renderer {
    let partials: [String: Template]
    var stack: [TemplateValue]

    mutating func render(_ nodes: [Template.Node], of template: Template, into out: inout [UInt8], depth: Int) throws {
        for node in nodes {
            switch node {
            case .text(let bytes):
                out += bytes
            case .value(let path, let line, let context):
                switch lookUp(path) {
                case .string(let text)?:
                    let bytes = Array(text.utf8)
                    if isSafe(bytes, in: context) { HTMLEscaping.escapeText(bytes[...], into: &out) } else { out += Self.unsafeURL }
                case .safeHTML(let html)?:
                    if isSafe(html.bytes, in: context) { out += html.bytes } else { out += Self.unsafeURL }
                case .bool(let flag)?: out += Array((flag ? "true" : "false").utf8)
                case .list?, .dictionary?:
                    throw TemplateError.notText(template: template.name, line: line, name: path.joined(separator: "."))
                case nil: break  // Mustache: a missing value renders as nothing
                }
            case .section(let path, let inverted, let content, _):
                let value = lookUp(path)
                if inverted {
                    if !(value?.isTruthy ?? false) { try render(content, of: template, into: &out, depth: depth) }
                    continue
                }
                guard let value, value.isTruthy else { continue }
                switch value {
                case .list(let items):
                    for item in items { try withContext(item) { try $0.render(content, of: template, into: &out, depth: depth) } }
                case .bool:
                    try render(content, of: template, into: &out, depth: depth)
                default:
                    try withContext(value) { try $0.render(content, of: template, into: &out, depth: depth) }
                }
            case .partial(let name, let line):
                guard let partial = partials[name] else {
                    throw TemplateError.missingPartial(template: template.name, line: line, partial: name)
                }
                guard depth < Template.maxPartialDepth else {
                    throw TemplateError.partialsTooDeep(template: template.name, line: line)
                }
                try render(partial.nodes, of: partial, into: &out, depth: depth + 1)
            }
        }
    }

    /// What a URL attribute gets instead of a value `URLPolicy` refuses.
    static let unsafeURL: [UInt8] = Array("#".utf8)

    private func isSafe(_ bytes: [UInt8], in context: Template.ValueContext) -> Bool {
        switch context {
        case .text: true
        case .link: URLPolicy.isSafe(bytes, image: false)
        case .image: URLPolicy.isSafe(bytes, image: true)
        }
    }

    private mutating func withContext(_ value: TemplateValue, _ body: (inout Renderer) throws -> Void) rethrows {
        stack.append(value)
        defer { stack.removeLast() }
        try body(&self)
    }

    /// Mustache name resolution: `.` is the innermost value; the first part of a dotted name is looked
    /// for from the innermost context outwards, the other parts only inside what it found.
    private func lookUp(_ path: [String]) -> TemplateValue? {
        guard let first = path.first else { return nil }
        if first == "." { return stack.last }
        guard var value = stack.reversed().lazy.compactMap({ $0[first] }).first else { return nil }
        for key in path.dropFirst() {
            guard let inner = value[key] else { return nil }
            value = inner
        }
        return value
    }
}
