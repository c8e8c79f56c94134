/// GitHub's heading anchors: lowercased, punctuation removed, spaces to `-`, duplicates numbered.
public struct HeadingSlugger: Sendable {
    /// A slugger that has seen no headings yet.
    public init() {}
    /// The unique id for a heading whose plain text is `text`.
    public mutating func slug(for text: String) -> String {
        text  // placeholder
    }
}
