/// One commit, decoded leniently (invalid UTF-8 is repaired, never trusted).
public struct Commit: Hashable, Sendable {
    /// The commit's id.
    public let id: ObjectID
    /// Parent commit ids, first parent first; empty for a root commit.
    public let parents: [ObjectID]
    /// Who wrote the change (the signed-in user for web edits).
    public let author: Person
    /// Who made the commit (the daemon for web edits).
    public let committer: Person
    /// The whole message.
    public let message: String
    /// The first paragraph of the message on one line. (git_commit_summary)
    public let summary: String

    /// The commit as an addressable revision.
    public var revision: Revision { Revision(id) }
}

/// How a file changed between two trees.
public enum ChangeKind: String, Hashable, Sendable {
    case added, modified, deleted, renamed
    /// A file became a symlink or a submodule, or the other way round.
    case typeChanged
}

/// One file touched by a commit.
public struct ChangedFile: Hashable, Sendable {
    /// What happened to it.
    public let change: ChangeKind
    /// The path before the commit; nil when added.
    public let oldPath: String?
    /// The path after the commit; nil when deleted.
    public let newPath: String?

    /// The path the file is known by: the new one, or the old one when deleted.
    public var path: String { newPath ?? oldPath ?? "" }
}

/// A commit and every file it changed against its first parent (or the empty tree for a root commit).
public struct CommitDetails: Hashable, Sendable {
    /// The commit itself.
    public let commit: Commit
    /// The changed files, renames detected, sorted by path.
    public let files: [ChangedFile]
}

/// One entry of a page's history: the commit and what it did to the page.
public struct HistoryEntry: Hashable, Sendable {
    /// The commit that changed the page.
    public let commit: Commit
    /// The page's file path in that commit (after the change; before it for a deletion).
    public let path: String
    /// What the commit did to the page.
    public let change: ChangeKind
    /// The path before a rename; nil otherwise.
    public let previousPath: String?
}
