internal import CGit2

/// One run of lines that a single commit introduced.
struct BlameHunk {
    /// The commit that introduced the lines.
    let commit: ObjectID
    /// The first line, 1-based, in the blamed version.
    let startLine: Int
    /// How many lines.
    let lineCount: Int
    /// The path of the file in that commit.
    let originalPath: String
}

extension GitRepository {
    /// Blames the file at `path` as of commit `newest` (bare repository: no working tree is read).
    /// (git_blame_file with `newest_commit`)
    func blame(path: String, newest: ObjectID) throws -> [BlameHunk] {
        var options = git_blame_options()
        try check(git_blame_options_init(&options, UInt32(GIT_BLAME_OPTIONS_VERSION)), "git_blame_options_init")
        // Without newest_commit libgit2 starts from HEAD; a blame at a revision must start there.
        options.newest_commit = newest.raw
        var blame: OpaquePointer?
        let result = git_blame_file(&blame, handle, path, &options)
        defer { git_blame_free(blame) }
        try check(result, "git_blame_file")
        return (0..<git_blame_get_hunk_count(blame)).compactMap { index in
            guard let hunk = git_blame_get_hunk_byindex(blame, index)?.pointee else { return nil }
            return BlameHunk(commit: ObjectID(hunk.final_commit_id), startLine: Int(hunk.final_start_line_number),
                             lineCount: Int(hunk.lines_in_hunk),
                             originalPath: hunk.orig_path.map { String(cString: $0) } ?? path)
        }
    }
}

/// A changed region between two versions of a file: `oldCount` lines at `oldStart` became `newCount` lines at
/// `newStart` (0-based; for an empty side the start is where the lines were removed or would go).
struct LineHunk: Equatable {
    let oldStart: Int, oldCount: Int, newStart: Int, newCount: Int
}

extension GitRepository {
    /// The changed line regions from `old` to `new`, as `git blame` sees them: libgit2's copy of git's xdiff
    /// (Myers with the indent heuristic, git's default since 2.14), no context, always as text. (git_diff_buffers)
    static func lineHunks(from old: [UInt8], to new: [UInt8]) throws -> [LineHunk] {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        options.context_lines = 0
        options.interhunk_lines = 0
        options.flags |= GIT_DIFF_INDENT_HEURISTIC.rawValue | GIT_DIFF_FORCE_TEXT.rawValue
        var hunks: [LineHunk] = []
        let result = withUnsafeMutablePointer(to: &hunks) { hunksPointer in
            old.withUnsafeBytes { oldBytes in
                new.withUnsafeBytes { newBytes in
                    git_diff_buffers(oldBytes.baseAddress, oldBytes.count, nil, newBytes.baseAddress, newBytes.count, nil,
                                     &options, nil, nil, { _, hunk, payload in
                        guard let hunk = hunk?.pointee, let payload else { return 0 }
                        let oldCount = Int(hunk.old_lines), newCount = Int(hunk.new_lines)
                        // xdiff numbers lines from 1 and gives an empty side the line before it.
                        payload.assumingMemoryBound(to: [LineHunk].self).pointee.append(LineHunk(
                            oldStart: oldCount == 0 ? Int(hunk.old_start) : Int(hunk.old_start) - 1, oldCount: oldCount,
                            newStart: newCount == 0 ? Int(hunk.new_start) : Int(hunk.new_start) - 1, newCount: newCount))
                        return 0
                    }, nil, hunksPointer)
                }
            }
        }
        try check(result, "git_diff_buffers")
        return hunks
    }
}
