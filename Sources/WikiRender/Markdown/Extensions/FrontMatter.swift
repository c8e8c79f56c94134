/// A page's leading `---` block: simple `key: value` lines and `- item` lists.
public struct FrontMatter: Hashable, Sendable {
    /// A value: one string, or a list of strings.
    public enum Value: Hashable, Sendable { case text(String), list([String]) }
    /// The entries in source order.
    public var entries: [(key: String, value: Value)] { [] }
    /// Problems found while parsing (shown as a warning, never fatal).
    public var warnings: [String] = []

    /// Splits `source` into its front matter (nil when it does not start with `---\n`) and the body.
    public static func split(_ source: [UInt8]) -> (frontMatter: FrontMatter?, body: ArraySlice<UInt8>) {
        (nil, source[...])  // placeholder
    }
}
