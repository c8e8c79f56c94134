/// A page's content at one revision.
public struct Page: Hashable, Sendable {
    /// The page's name.
    public let name: PageName
    /// The raw Markdown bytes, exactly as stored.
    public let bytes: [UInt8]
    /// The blob's id: a stable cache key for rendered HTML.
    public let blobID: ObjectID
    /// The commit the page was read at.
    public let revision: Revision

    /// The content as text, with invalid UTF-8 repaired.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Any file of the tree (an attachment, or a page read raw) at one revision.
public struct FileContent: Hashable, Sendable {
    /// The file's path in the tree.
    public let path: String
    /// The raw bytes.
    public let bytes: [UInt8]
    /// The blob's id: a stable ETag.
    public let blobID: ObjectID
    /// The commit the file was read at.
    public let revision: Revision
}
