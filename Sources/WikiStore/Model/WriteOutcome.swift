/// What a write did. A conflict is an expected outcome, not an error.
public enum WriteOutcome: Hashable, Sendable {
    /// The edit was committed as is.
    case committed(Revision)
    /// The edit was based on an older revision and merged cleanly with the changes since.
    case merged(Revision)
    /// The edit overlaps a change made since its base; nothing was committed.
    case conflict(Conflict)
    /// The content was identical; nothing was committed.
    case unchanged

    /// The new commit, if one was made.
    public var revision: Revision? {
        switch self {
        case .committed(let revision), .merged(let revision): revision
        case .conflict, .unchanged: nil
        }
    }
}

/// The three texts of a failed merge, so the user can resolve it and nothing is lost.
public struct Conflict: Hashable, Sendable {
    /// The text at the editor's base revision (empty when the page did not exist there).
    public let base: [UInt8]
    /// The editor's text.
    public let ours: [UInt8]
    /// The text at the tip of main now (empty when the page was deleted since).
    public let theirs: [UInt8]
    /// The tip the merge was tried against: the base for a resolved retry.
    public let current: Revision
    /// The merged text with conflict markers, for an editor that shows them.
    public let merged: [UInt8]
}
