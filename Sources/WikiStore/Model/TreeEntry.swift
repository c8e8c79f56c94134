/// One entry of the wiki's tree listing.
public struct TreeEntry: Hashable, Sendable {
    /// What an entry is.
    public enum Kind: String, Hashable, Sendable {
        /// A `.md` file whose path is a valid page name.
        case page
        /// Any other file.
        case attachment
        /// A directory.
        case folder
    }

    /// The path in the tree (`runbooks/db-failover.md`, `images`).
    public let path: String
    /// Page, attachment or folder.
    public let kind: Kind
    /// The blob's id, or the tree's id for a folder.
    public let blobID: ObjectID
    /// The size in bytes; 0 for a folder.
    public let size: Int

    /// The page's name when this entry is a page.
    public var pageName: PageName? { kind == .page ? try? PageName(filePath: path) : nil }
}
