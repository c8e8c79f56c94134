/// Reads the lines between front matter's fences, one at a time, into entries and warnings.
struct FrontMatterParser {
    private var entries: [FrontMatter.Entry] = []
    private var warnings: [String] = []
    /// A `key:` with no value, collecting the `- item` lines that follow it.
    private var openList: (key: String, items: [String])?

    /// Reads one line (`number` is its line number in the document, for warnings).
    mutating func consume(_ line: String, line number: Int) {
        let trimmed = Self.trim(line)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return }
        if trimmed == "-" || trimmed.hasPrefix("- ") {
            guard openList != nil else {
                warnings.append("line \(number): list item without a key above it")
                return
            }
            let item = scalar(Self.trim(String(trimmed.dropFirst())), line: number)
            openList?.items.append(item)
            return
        }
        closeList()
        if line.first == " " || line.first == "\t" {
            warnings.append("line \(number): nested values are not supported")
            return
        }
        guard let colon = keySeparator(in: line) else {
            warnings.append("line \(number): expected `key: value`")
            return
        }
        let key = Self.trim(String(line[..<colon]))
        let rest = Self.trim(String(line[line.index(after: colon)...]))
        guard !key.isEmpty else {
            warnings.append("line \(number): empty key")
            return
        }
        if rest.isEmpty || rest.hasPrefix("#") {
            openList = (key, [])
        } else if rest.hasPrefix("[") {
            guard let items = flowList(rest, line: number) else { return }
            add(key, .list(items), line: number)
        } else {
            add(key, .text(scalar(rest, line: number)), line: number)
        }
    }

    /// The front matter read so far (an open `key:` with no items becomes an empty text).
    mutating func finish() -> FrontMatter {
        closeList()
        return FrontMatter(entries: entries, warnings: warnings)
    }

    private mutating func closeList() {
        guard let (key, items) = openList else { return }
        openList = nil
        add(key, items.isEmpty ? .text("") : .list(items), line: nil)
    }

    private mutating func add(_ key: String, _ value: FrontMatter.Value, line: Int?) {
        let place = line.map { "line \($0): " } ?? ""
        if entries.contains(where: { $0.key == key }) {
            warnings.append("\(place)duplicate key `\(key)` (the first is kept)")
        } else if entries.count >= FrontMatter.Limits.maxEntries {
            warnings.append("\(place)more than \(FrontMatter.Limits.maxEntries) entries; `\(key)` ignored")
        } else {
            entries.append(FrontMatter.Entry(key: key, value: value))
        }
    }

    /// YAML's mapping indicator: the first `:` followed by a space, a tab or the end of the line.
    private func keySeparator(in line: String) -> String.Index? {
        var index = line.startIndex
        while let colon = line[index...].firstIndex(of: ":") {
            let after = line.index(after: colon)
            if after == line.endIndex || line[after] == " " || line[after] == "\t" { return colon }
            index = after
        }
        return nil
    }

    /// `[a, "b, c", 'd']`: items split at commas outside quotes; nil (with a warning) when unclosed.
    private mutating func flowList(_ text: String, line number: Int) -> [String]? {
        var items: [String] = []
        var current = ""
        var quote: Character?
        var closed = false
        for character in text.dropFirst() {
            if closed {
                if character == "#" { break }
                if !character.isWhitespace {
                    warnings.append("line \(number): unexpected text after `]`")
                    return nil
                }
                continue
            }
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
                current.append(character)
            } else if character == "," || character == "]" {
                let item = Self.trim(current)
                if !item.isEmpty { items.append(scalar(item, line: number)) }
                current = ""
                closed = character == "]"
            } else {
                current.append(character)
            }
        }
        guard closed else {
            warnings.append("line \(number): unclosed `[` list")
            return nil
        }
        return items
    }

    /// A plain, `"double"` or `'single'` quoted scalar; a comment after a plain value is removed.
    private mutating func scalar(_ text: String, line number: Int) -> String {
        guard let first = text.first, first == "\"" || first == "'" else {
            // YAML: " #" starts a comment; a "#" inside a word (a#b) does not.
            if let hash = text.firstRange(of: " #") ?? text.firstRange(of: "\t#") {
                return Self.trim(String(text[..<hash.lowerBound]))
            }
            return text
        }
        var value = ""
        var iterator = text.dropFirst().makeIterator()
        while let character = iterator.next() {
            if character == first {
                if first == "'", let next = iterator.next() {
                    if next == "'" { value.append("'"); continue }  // '' is an escaped '
                    return finishQuoted(value, rest: String(next) + String(iterator), line: number)
                }
                return finishQuoted(value, rest: String(iterator), line: number)
            }
            if first == "\"" && character == "\\", let escaped = iterator.next() {
                switch escaped {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "\"", "\\", "/": value.append(escaped)
                default: value.append("\\"); value.append(escaped)
                }
                continue
            }
            value.append(character)
        }
        warnings.append("line \(number): unclosed quote")
        return text
    }

    private mutating func finishQuoted(_ value: String, rest: String, line number: Int) -> String {
        let rest = Self.trim(rest)
        if !rest.isEmpty && !rest.hasPrefix("#") {
            warnings.append("line \(number): unexpected text after a quoted value")
        }
        return value
    }

    /// `text` without leading and trailing spaces and tabs.
    static func trim(_ text: String) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = text.firstIndex(where: { !isBlank($0) }), let end = text.lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(text[start...end])
    }
}
