/// A page's leading `---` block: simple `key: value` lines and `- item` lists.
///
/// A small, forgiving subset of YAML: `key: value` (plain, `"double"` or `'single'` quoted), flow
/// lists `key: [a, "b, c"]`, block lists (`key:` then `- item` lines), `#` comments and blank lines.
/// Anything else is skipped with a warning naming its line; front matter is never fatal.
public struct FrontMatter: Hashable, Sendable {
    /// A value: one string, or a list of strings.
    public enum Value: Hashable, Sendable { case text(String), list([String]) }

    /// One `key: value` entry.
    public struct Entry: Hashable, Sendable {
        /// The key, as written (case kept).
        public var key: String
        /// The value.
        public var value: Value
        /// Creates an entry.
        public init(key: String, value: Value) { self.key = key; self.value = value }
    }

    /// Limits on what is read, so a hostile page cannot make the parser do unbounded work.
    public enum Limits {
        /// The closing line must come within this many bytes of the start, or there is no front matter.
        public static let maxBytes = 64 * 1024
        /// Entries past this many are ignored with a warning.
        public static let maxEntries = 256
    }

    /// The entries in source order (each key once; a repeated key is a warning).
    public var entries: [Entry]
    /// Problems found while parsing (shown as a warning, never fatal).
    public var warnings: [String] = []

    /// Creates front matter from entries.
    public init(entries: [Entry] = [], warnings: [String] = []) {
        self.entries = entries
        self.warnings = warnings
    }

    /// The value for `key` (exact match), or nil.
    public func value(for key: String) -> Value? {
        entries.first { $0.key == key }?.value
    }

    /// The text for `key`; nil when absent or a list.
    public func text(for key: String) -> String? {
        guard case .text(let text)? = value(for: key) else { return nil }
        return text
    }

    /// The list for `key`; a single text value is a one-item list (`tags: ops` reads as `[ops]`), an
    /// empty text an empty list; nil when absent.
    public func list(for key: String) -> [String]? {
        switch value(for: key) {
        case .list(let items)?: return items
        case .text(let text)?: return text.isEmpty ? [] : [text]
        case nil: return nil
        }
    }

    /// Splits `source` into its front matter (nil when it does not start with `---\n`) and the body.
    public static func split(_ source: [UInt8]) -> (frontMatter: FrontMatter?, body: ArraySlice<UInt8>) {
        var lines = LineReader(source[...])
        // A UTF-8 byte order mark before the opening line is tolerated.
        if source.starts(with: [0xEF, 0xBB, 0xBF]) { lines.skip(3) }
        guard let first = lines.next(), isFence(first, allowingDots: false) else { return (nil, source[...]) }
        var content: [(number: Int, text: ArraySlice<UInt8>)] = []
        var number = 1
        while let line = lines.next(), line.endIndex <= Limits.maxBytes {
            number += 1
            if isFence(line, allowingDots: true) {
                var parser = FrontMatterParser()
                for (number, text) in content { parser.consume(String(decoding: text, as: UTF8.self), line: number) }
                return (parser.finish(), source[lines.position...])
            }
            content.append((number, line))
        }
        return (nil, source[...])
    }

    /// `---` (or `...` when closing) with nothing but trailing spaces or tabs.
    private static func isFence(_ line: ArraySlice<UInt8>, allowingDots: Bool) -> Bool {
        let trimmed = line.reversed().drop(while: { $0 == 0x20 || $0 == 0x09 })
        let marks = Array(trimmed.reversed())
        return marks == Array("---".utf8) || (allowingDots && marks == Array("...".utf8))
    }
}

/// Hands out the lines of a byte buffer without their `\n` or `\r\n`.
private struct LineReader {
    let source: ArraySlice<UInt8>
    private(set) var position: Int

    init(_ source: ArraySlice<UInt8>) {
        self.source = source
        self.position = source.startIndex
    }

    mutating func skip(_ count: Int) { position = min(position + count, source.endIndex) }

    mutating func next() -> ArraySlice<UInt8>? {
        guard position < source.endIndex else { return nil }
        let end = source[position...].firstIndex(of: 0x0A) ?? source.endIndex
        var line = source[position..<end]
        if line.last == 0x0D { line = line.dropLast() }
        position = min(end + 1, source.endIndex)
        return line
    }
}
