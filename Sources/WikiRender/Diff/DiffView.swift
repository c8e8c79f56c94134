/// A diff as plain values, for `DiffRenderer`: WikiHTTP copies WikiStore's structured diff into these, so
/// WikiRender stays free of git (ARCHITECTURE §3).
public struct DiffView: Hashable, Sendable {
    /// How a file changed.
    public enum Change: String, Hashable, Sendable { case added, modified, deleted, renamed, typeChanged }

    /// One changed file.
    public struct File: Hashable, Sendable {
        /// The path before (nil when added).
        public var oldPath: String?
        /// The path after (nil when deleted).
        public var newPath: String?
        /// Added, modified, deleted, renamed or type-changed.
        public var change: Change
        /// True when either side is binary; `hunks` is then empty.
        public var isBinary: Bool
        /// The hunks in order.
        public var hunks: [Hunk]

        /// Makes a file.
        public init(oldPath: String?, newPath: String?, change: Change, isBinary: Bool, hunks: [Hunk]) {
            self.oldPath = oldPath
            self.newPath = newPath
            self.change = change
            self.isBinary = isBinary
            self.hunks = hunks
        }

        /// The path the file is known by: the new one, or the old one when deleted.
        public var path: String { newPath ?? oldPath ?? "" }
    }

    /// A run of changed lines with their context.
    public struct Hunk: Hashable, Sendable {
        /// The `@@ -a,b +c,d @@ context` header.
        public var header: String
        /// The lines in order.
        public var lines: [Line]

        /// Makes a hunk.
        public init(header: String, lines: [Line]) {
            self.header = header
            self.lines = lines
        }
    }

    /// One line of a hunk.
    public struct Line: Hashable, Sendable {
        /// Unchanged, added or removed.
        public enum Kind: String, Hashable, Sendable { case context, added, removed }

        /// Unchanged, added or removed.
        public var kind: Kind
        /// The line number in the old file (nil for an added line).
        public var oldNumber: Int?
        /// The line number in the new file (nil for a removed line).
        public var newNumber: Int?
        /// The text without its line ending.
        public var text: String
        /// UTF-8 byte ranges of `text` whose words changed against the paired line.
        public var changedRanges: [Range<Int>]
        /// True when this is the last line of the file and it has no final newline.
        public var missingNewline: Bool

        /// Makes a line.
        public init(kind: Kind, oldNumber: Int?, newNumber: Int?, text: String,
                    changedRanges: [Range<Int>] = [], missingNewline: Bool = false) {
            self.kind = kind
            self.oldNumber = oldNumber
            self.newNumber = newNumber
            self.text = text
            self.changedRanges = changedRanges
            self.missingNewline = missingNewline
        }
    }

    /// The changed files in order.
    public var files: [File]

    /// Makes a diff.
    public init(files: [File]) { self.files = files }
}
