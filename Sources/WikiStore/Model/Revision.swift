/// A commit a user can address: its full id and the short form shown in the UI.
public struct Revision: Hashable, Sendable, CustomStringConvertible {
    /// The commit id.
    public let id: ObjectID

    /// The number of hex digits in `shortID` (git's default abbreviation).
    public static let shortLength = 7

    /// Wraps a commit id.
    public init(_ id: ObjectID) { self.id = id }

    /// The first seven hex digits of the id.
    public var shortID: String { String(id.description.prefix(Revision.shortLength)) }

    /// The full 40-digit id.
    public var description: String { id.description }
}
