/// One line of a page with the commit that last changed it.
public struct BlameLine: Hashable, Sendable {
    /// The 1-based line number in the page at the blamed revision.
    public let lineNumber: Int
    /// The line's text without its line ending.
    public let text: String
    /// The commit that introduced the line.
    public let commit: ObjectID
    /// That commit's author.
    public let author: Person
    /// That commit's summary line.
    public let summary: String
    /// The file path the line had in that commit (differs after a rename).
    public let originalPath: String
}
