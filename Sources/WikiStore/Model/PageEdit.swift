/// One write request for a page.
public struct PageEdit: Sendable {
    /// The page to write.
    public var name: PageName
    /// The new content.
    public var content: [UInt8]
    /// The commit message; an empty one becomes "Update <name>".
    public var message: String
    /// The revision the editor loaded the text at.
    ///
    /// nil means the editor started from an empty page: creating a new page just works, while
    /// writing over an existing page three-way merges against an empty base, which conflicts unless
    /// the texts are equal. So a stale or blind write never overwrites silently; a caller that
    /// really means "replace whatever is there" passes `base: try wiki.head()`.
    public var base: Revision?
    /// The user who made the change.
    public var author: Person

    /// Makes an edit.
    public init(name: PageName, content: [UInt8], message: String, base: Revision?, author: Person) {
        self.name = name
        self.content = content
        self.message = message
        self.base = base
        self.author = author
    }
}
