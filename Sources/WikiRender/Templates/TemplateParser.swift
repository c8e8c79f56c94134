/// Turns a template's bytes into `Template.Node`s: tags are found left to right, standalone tag
/// lines are removed (Mustache spec, "Standalone Lines"), then sections are matched into a tree.
struct TemplateParser {
    let template: String
    let source: [UInt8]

    /// A tag as found in the source, before sections are matched.
    private enum Piece {
        case text([UInt8])
        case tag(sigil: UInt8?, name: String, line: Int, context: Template.ValueContext)
    }

    /// Tags whose line disappears when they stand alone on it.
    private static let standaloneSigils: Set<UInt8> = Set("#^/!>".utf8)

    func parse() throws -> [Template.Node] {
        try buildTree(removeStandaloneLines(try tokenize()))
    }

    // MARK: - Tags

    private func tokenize() throws -> [Piece] {
        var pieces: [Piece] = []
        var index = 0
        var line = 1
        var textStart = 0
        while let open = find("{{", from: index) {
            line += count(newlinesIn: index..<open)
            if open > textStart { pieces.append(.text(Array(source[textStart..<open]))) }
            let triple = open + 2 < source.count && source[open + 2] == UInt8(ascii: "{")
            let contentStart = open + (triple ? 3 : 2)
            guard let close = find(triple ? "}}}" : "}}", from: contentStart) else {
                throw syntax(line, "unclosed tag {{ (no matching \(triple ? "}}}" : "}}"))")
            }
            var content = source[contentStart..<close].drop(while: isBlank)
            var sigil: UInt8?
            if triple {
                sigil = UInt8(ascii: "&")
            } else if let first = content.first, Set("#^/>!&=".utf8).contains(first) {
                sigil = first
                content = content.dropFirst().drop(while: isBlank)
            }
            let name = String(decoding: content.reversed().drop(while: isBlank).reversed(), as: UTF8.self)
            try validate(sigil: sigil, name: name, line: line)
            let context = sigil == nil || sigil == UInt8(ascii: "&") ? try valueContext(before: open, line: line) : .text
            pieces.append(.tag(sigil: sigil, name: name, line: line, context: context))
            line += count(newlinesIn: open..<close)
            index = close + (triple ? 3 : 2)
            textStart = index
        }
        if textStart < source.count { pieces.append(.text(Array(source[textStart...]))) }
        return pieces
    }

    private func validate(sigil: UInt8?, name: String, line: Int) throws {
        switch sigil {
        case UInt8(ascii: "!"):
            return
        case UInt8(ascii: "="):
            throw syntax(line, "changing delimiters ({{=…=}}) is not supported")
        case UInt8(ascii: ">"):
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isNameByte) else {
                throw syntax(line, "invalid partial name \"\(name)\"")
            }
        default:
            guard name == "." || (!name.isEmpty && name.split(separator: ".", omittingEmptySubsequences: false)
                .allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(Self.isNameByte) })) else {
                throw syntax(line, "invalid name \"\(name)\" (letters, digits, _ and - separated by dots)")
            }
        }
    }

    /// Attributes whose value a browser follows or loads as a URL.
    private static let linkAttributes: Set<String> = ["href", "action", "formaction", "cite", "xlink:href"]
    private static let imageAttributes: Set<String> = ["src", "poster", "srcset"]

    /// Looks back from a value tag at `open` (within the current tag, if any): a value right after
    /// `name="` of a URL attribute is `.link` or `.image`; a value right after a bare `=` is an error.
    private func valueContext(before open: Int, line: Int) throws -> Template.ValueContext {
        let window = source[max(0, open - 1024)..<open]
        guard let tagStart = window.lastIndex(of: UInt8(ascii: "<")),
              window[tagStart...].firstIndex(of: UInt8(ascii: ">")) == nil else { return .text }
        var end = open
        while end > tagStart, isBlank(source[end - 1]) || source[end - 1] == 0x0A { end -= 1 }
        guard end > tagStart else { return .text }
        let last = source[end - 1]
        if last == UInt8(ascii: "=") {
            throw syntax(line, "a value in an unquoted attribute; write name=\"{{…}}\"")
        }
        guard last == UInt8(ascii: "\"") || last == UInt8(ascii: "'") else { return .text }
        var nameEnd = end - 1
        while nameEnd > tagStart, isBlank(source[nameEnd - 1]) || source[nameEnd - 1] == 0x0A { nameEnd -= 1 }
        guard nameEnd > tagStart, source[nameEnd - 1] == UInt8(ascii: "=") else { return .text }
        nameEnd -= 1
        while nameEnd > tagStart, isBlank(source[nameEnd - 1]) || source[nameEnd - 1] == 0x0A { nameEnd -= 1 }
        var nameStart = nameEnd
        while nameStart > tagStart, !isBlank(source[nameStart - 1]), source[nameStart - 1] != 0x0A,
              source[nameStart - 1] != UInt8(ascii: "<") { nameStart -= 1 }
        let name = String(decoding: source[nameStart..<nameEnd], as: UTF8.self).lowercased()
        if Self.linkAttributes.contains(name) { return .link }
        if Self.imageAttributes.contains(name) { return .image }
        return .text
    }

    // MARK: - Standalone lines

    /// Mustache: a line with only whitespace and one section, inverted, closing, comment or partial
    /// tag is removed entirely, so templates can be indented without leaving blank lines behind.
    private func removeStandaloneLines(_ pieces: [Piece]) -> [Piece] {
        // The part of each text piece to keep; a piece between two standalone tags loses both ends.
        var keep: [Range<Int>] = pieces.map { if case .text(let bytes) = $0 { 0..<bytes.count } else { 0..<0 } }
        func text(_ index: Int) -> [UInt8]? {
            guard pieces.indices.contains(index) else { return [] }  // the template's start or end
            if case .text(let bytes) = pieces[index] { return bytes }
            return nil  // another tag on the same line
        }
        for index in pieces.indices {
            guard case .tag(let sigil?, _, _, _) = pieces[index], Self.standaloneSigils.contains(sigil),
                  let before = text(index - 1), let after = text(index + 1) else { continue }
            let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 }
            // Without a newline before it, the line began at the template's start or at another tag.
            guard lineStart != nil || index <= 1, before[(lineStart ?? 0)...].allSatisfy(isBlank) else { continue }
            let newline = after.firstIndex(of: 0x0A)
            guard newline != nil || index >= pieces.count - 2 else { continue }
            let lineEnd = newline.map { $0 + 1 } ?? after.count
            guard after[..<lineEnd].allSatisfy({ isBlank($0) || $0 == 0x0A || $0 == 0x0D }) else { continue }
            if index > 0 {
                let range = keep[index - 1]
                keep[index - 1] = range.lowerBound..<max(range.lowerBound, min(range.upperBound, lineStart ?? 0))
            }
            if index + 1 < pieces.count {
                let range = keep[index + 1]
                keep[index + 1] = min(max(range.lowerBound, lineEnd), range.upperBound)..<range.upperBound
            }
        }
        return pieces.indices.map { index in
            guard case .text(let bytes) = pieces[index] else { return pieces[index] }
            return .text(Array(bytes[keep[index]]))
        }
    }

    // MARK: - Sections

    private func buildTree(_ pieces: [Piece]) throws -> [Template.Node] {
        // An explicit stack of open sections keeps deep nesting off the call stack.
        var stack: [(path: [String], inverted: Bool, line: Int, nodes: [Template.Node])] = [([], false, 0, [])]
        for piece in pieces {
            switch piece {
            case .text(let bytes):
                if !bytes.isEmpty { stack[stack.count - 1].nodes.append(.text(bytes)) }
            case .tag(let sigil, let name, let line, let context):
                switch sigil {
                case UInt8(ascii: "!"):
                    break
                case UInt8(ascii: ">"):
                    stack[stack.count - 1].nodes.append(.partial(name: name, line: line))
                case UInt8(ascii: "#"), UInt8(ascii: "^"):
                    guard stack.count <= Template.maxSectionDepth else {
                        throw syntax(line, "sections nested more than \(Template.maxSectionDepth) deep")
                    }
                    stack.append((path(name), sigil == UInt8(ascii: "^"), line, []))
                case UInt8(ascii: "/"):
                    guard stack.count > 1, let open = stack.last else {
                        throw syntax(line, "{{/\(name)}} closes no open section")
                    }
                    guard open.path == path(name) else {
                        throw syntax(line, "{{/\(name)}} does not close {{\(open.inverted ? "^" : "#")\(open.path.joined(separator: "."))}} opened on line \(open.line)")
                    }
                    stack.removeLast()
                    stack[stack.count - 1].nodes.append(.section(path: open.path, inverted: open.inverted,
                                                                 content: open.nodes, line: open.line))
                default:
                    stack[stack.count - 1].nodes.append(.value(path: path(name), line: line, context: context))
                }
            }
        }
        if stack.count > 1, let open = stack.last {
            throw syntax(open.line, "{{\(open.inverted ? "^" : "#")\(open.path.joined(separator: "."))}} is never closed")
        }
        return stack[0].nodes
    }

    // MARK: - Helpers

    private func path(_ name: String) -> [String] {
        name == "." ? ["."] : name.split(separator: ".").map(String.init)
    }

    private func syntax(_ line: Int, _ message: String) -> TemplateError {
        .syntax(template: template, line: line, message: message)
    }

    private func find(_ literal: String, from start: Int) -> Int? {
        let needle = Array(literal.utf8)
        var index = start
        while index + needle.count <= source.count {
            guard let first = source[index...].firstIndex(of: needle[0]), first + needle.count <= source.count else { return nil }
            if source[first..<(first + needle.count)].elementsEqual(needle) { return first }
            index = first + 1
        }
        return nil
    }

    private func count(newlinesIn range: Range<Int>) -> Int {
        source[range].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    private func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        CharacterReferences.isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
