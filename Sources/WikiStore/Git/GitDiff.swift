internal import CGit2

extension GitRepository {
    /// The files changed from `old` (nil: the empty tree) to `new`, renames detected as `git diff -M` does.
    func changedFiles(from old: ObjectID?, to new: ObjectID) throws -> [ChangedFile] {
        try withTreeDiff(from: old, to: new) { diff in
            (0..<git_diff_num_deltas(diff)).compactMap { index in
                git_diff_get_delta(diff, index).map { ChangedFile($0.pointee) }
            }
        }
    }

    /// The line-level diff from `old` (nil: the empty tree) to `new` of the files `include` selects.
    func fileDiffs(from old: ObjectID?, to new: ObjectID, including include: (ChangedFile) -> Bool) throws -> [FileDiff] {
        try withTreeDiff(from: old, to: new) { diff in
            var files: [FileDiff] = []
            for index in 0..<git_diff_num_deltas(diff) {
                guard let delta = git_diff_get_delta(diff, index), include(ChangedFile(delta.pointee)) else { continue }
                files.append(try fileDiff(diff, index))
            }
            return files
        }
    }

    /// Runs `body` with the tree-to-tree diff of two commits, renames found. (git_diff_tree_to_tree, git_diff_find_similar)
    private func withTreeDiff<R>(from old: ObjectID?, to new: ObjectID, _ body: (OpaquePointer) throws -> R) throws -> R {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        // git 2.39 turns diff.indentHeuristic on by default; libgit2 does not. Same hunks as `git diff`.
        options.flags |= GIT_DIFF_INDENT_HEURISTIC.rawValue
        return try withTree(ofCommit: new) { newTree in
            try withOptionalTree(old) { oldTree in
                var diff: OpaquePointer?
                let result = git_diff_tree_to_tree(&diff, handle, oldTree, newTree, &options)
                defer { git_diff_free(diff) }
                try check(result, "git_diff_tree_to_tree")
                var find = git_diff_find_options()
                try check(git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)), "git_diff_find_options_init")
                // The default 50% similarity threshold is git's `-M` default, so renames match `git log --follow`.
                find.flags = GIT_DIFF_FIND_RENAMES.rawValue
                try check(git_diff_find_similar(diff, &find), "git_diff_find_similar")
                guard let diff else { preconditionFailure("git_diff_tree_to_tree returned no diff") }
                return try body(diff)
            }
        }
    }

    /// Runs `body` with the tree of `commit`, or with nil (libgit2's empty tree) when there is no commit.
    private func withOptionalTree<R>(_ commit: ObjectID?, _ body: (OpaquePointer?) throws -> R) throws -> R {
        guard let commit else { return try body(nil) }
        return try withTree(ofCommit: commit) { try body($0) }
    }

    /// The hunks and lines of one delta. (git_patch_from_diff, git_patch_get_hunk, git_patch_get_line_in_hunk)
    private func fileDiff(_ diff: OpaquePointer, _ index: Int) throws -> FileDiff {
        var patch: OpaquePointer?
        let result = git_patch_from_diff(&patch, diff, index)
        defer { git_patch_free(patch) }
        try check(result, "git_patch_from_diff")
        guard let patch, let delta = git_patch_get_delta(patch) else { preconditionFailure("a patch without a delta") }
        let file = ChangedFile(delta.pointee)
        let isBinary = delta.pointee.flags & GIT_DIFF_FLAG_BINARY.rawValue != 0
        var hunks: [Hunk] = []
        for hunkIndex in 0..<git_patch_num_hunks(patch) {
            var hunk: UnsafePointer<git_diff_hunk>?
            var lineCount = 0
            try check(git_patch_get_hunk(&hunk, &lineCount, patch, hunkIndex), "git_patch_get_hunk")
            guard let hunk = hunk?.pointee else { continue }
            var lines: [Line] = []
            for lineIndex in 0..<lineCount {
                var line: UnsafePointer<git_diff_line>?
                try check(git_patch_get_line_in_hunk(&line, patch, hunkIndex, lineIndex), "git_patch_get_line_in_hunk")
                if let line = line?.pointee, let decoded = Line(line) { lines.append(decoded) }
            }
            let header = withUnsafeBytes(of: hunk.header) { raw in
                String(decoding: raw.prefix(min(hunk.header_len, raw.count)), as: UTF8.self)
            }
            hunks.append(Hunk(oldStart: Int(hunk.old_start), oldCount: Int(hunk.old_lines), newStart: Int(hunk.new_start),
                              newCount: Int(hunk.new_lines), header: header.trimmingNewline,
                              lines: WordDiff.annotate(lines)))
        }
        return FileDiff(oldPath: file.oldPath, newPath: file.newPath, change: file.change, isBinary: isBinary,
                        hunks: isBinary ? [] : hunks)
    }
}

extension ChangedFile {
    /// Copies the status and paths of a delta.
    init(_ delta: git_diff_delta) {
        let oldPath = delta.old_file.path.map { String(cString: $0) }
        let newPath = delta.new_file.path.map { String(cString: $0) }
        switch delta.status {
        case GIT_DELTA_ADDED, GIT_DELTA_COPIED: self.init(change: .added, oldPath: nil, newPath: newPath)
        case GIT_DELTA_DELETED: self.init(change: .deleted, oldPath: oldPath, newPath: nil)
        case GIT_DELTA_RENAMED: self.init(change: .renamed, oldPath: oldPath, newPath: newPath)
        case GIT_DELTA_TYPECHANGE: self.init(change: .typeChanged, oldPath: oldPath, newPath: newPath)
        default: self.init(change: .modified, oldPath: oldPath, newPath: newPath)
        }
    }
}

extension Line {
    /// Copies a context, added or removed line; nil for libgit2's end-of-file markers and headers.
    init?(_ line: git_diff_line) {
        let kind: Kind
        switch UInt8(bitPattern: line.origin) {
        case UInt8(ascii: " "): kind = .context
        case UInt8(ascii: "+"): kind = .added
        case UInt8(ascii: "-"): kind = .removed
        // '=', '>' and '<' only say a side lacks a final newline; the line itself tells us that.
        default: return nil
        }
        var bytes = line.content.map {
            Array(UnsafeRawBufferPointer(start: UnsafeRawPointer($0), count: line.content_len))
        } ?? []
        let missingNewline = bytes.last != UInt8(ascii: "\n")
        if !missingNewline { bytes.removeLast() }
        self.init(kind: kind, oldNumber: line.old_lineno > 0 ? Int(line.old_lineno) : nil,
                  newNumber: line.new_lineno > 0 ? Int(line.new_lineno) : nil,
                  text: String(decoding: bytes, as: UTF8.self), changedRanges: [], missingNewline: missingNewline)
    }
}

extension String {
    /// The string without one trailing "\n".
    var trimmingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
