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
