/// The changes between two trees, file by file.
public struct Diff: Hashable, Sendable {
    /// One entry per changed file, in git's order (by path).
    public let files: [FileDiff]
}

/// The changes to one file.
public struct FileDiff: Hashable, Sendable {
    /// The path before (nil when added).
    public let oldPath: String?
    /// The path after (nil when deleted).
    public let newPath: String?
    /// Added, modified, deleted, renamed or type-changed.
    public let change: ChangeKind
    /// True when git considers either side binary; `hunks` is then empty.
    public let isBinary: Bool
    /// The line-level hunks, three lines of context as `git diff`.
    public let hunks: [Hunk]
}

/// One hunk: a run of changed lines with their context.
public struct Hunk: Hashable, Sendable {
    /// First line in the old file (1-based; 0 for an empty side).
    public let oldStart: Int
    /// Number of old lines.
    public let oldCount: Int
    /// First line in the new file.
    public let newStart: Int
    /// Number of new lines.
    public let newCount: Int
    /// The `@@ -a,b +c,d @@ context` header, without its newline.
    public let header: String
    /// The lines in order.
    public let lines: [Line]
}

/// One line of a hunk.
public struct Line: Hashable, Sendable {
    /// Whether the line is unchanged, added or removed.
    public enum Kind: String, Hashable, Sendable { case context, added, removed }

    /// Context, added or removed.
    public let kind: Kind
    /// Line number in the old file; nil for an added line.
    public let oldNumber: Int?
    /// Line number in the new file; nil for a removed line.
    public let newNumber: Int?
    /// The text without its line ending (invalid UTF-8 repaired).
    public let text: String
    /// UTF-8 byte ranges of `text` whose words changed against the paired line; empty for
    /// context lines and for added or removed lines that have no partner.
    public let changedRanges: [Range<Int>]
    /// True when this is the file's last line and it has no final newline.
    public let missingNewline: Bool
}
