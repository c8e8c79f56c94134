internal import CGit2

/// A file a patch touches, and its mode after the patch (0 when deleted).
struct PatchedFile: Equatable {
    /// What the patch does to the file, with its paths.
    let file: ChangedFile
    /// The new git file mode (0o100644, 0o100755, 0o120000 for a symlink, 0o160000 for a submodule).
    let newMode: UInt32
}

/// Why diff text could not be used: unreadable, or not matching the tree it was applied to.
enum PatchFailure: Error, Equatable {
    /// libgit2 could not parse the text. (git_diff_from_buffer)
    case unreadable(String)
    /// A hunk's context or a file's presence did not match. (GIT_EAPPLYFAIL)
    case doesNotApply(String)
}

extension GitRepository {
    /// Runs `body` with the diff parsed from `text`. (git_diff_from_buffer)
    static func withParsedDiff<R>(_ text: [UInt8], _ body: (OpaquePointer) throws -> R) throws -> R {
        var diff: OpaquePointer?
        let result = text.withUnsafeBytes { raw in
            git_diff_from_buffer(&diff, raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count)
        }
        defer { git_diff_free(diff) }
        do { try check(result, "git_diff_from_buffer") } catch { throw PatchFailure.unreadable(error.message) }
        guard let diff else { preconditionFailure("git_diff_from_buffer returned no diff") }
        return try body(diff)
    }

    /// The files `text` touches, in its order. (git_diff_get_delta)
    static func patchedFiles(_ text: [UInt8]) throws -> [PatchedFile] {
        try withParsedDiff(text) { diff in
            (0..<git_diff_num_deltas(diff)).compactMap { index in
                git_diff_get_delta(diff, index).map { PatchedFile(file: ChangedFile($0.pointee), newMode: UInt32($0.pointee.new_file.mode)) }
            }
        }
    }

    /// Applies diff `text` to `tree` in memory and writes the resulting tree, returning its id; a hunk or file
    /// that does not match throws `PatchFailure.doesNotApply`. libgit2 1.5.1 matches each hunk only at the
    /// line its header names (no offset search, no fuzz). (git_apply_to_tree, git_index_write_tree_to)
    func applyPatch(_ text: [UInt8], toTree tree: ObjectID) throws -> ObjectID {
        try GitRepository.withParsedDiff(text) { diff in
            var treeID = tree.raw
            var preimage: OpaquePointer?
            let lookup = git_tree_lookup(&preimage, handle, &treeID)
            defer { git_tree_free(preimage) }
            try check(lookup, "git_tree_lookup")
            var options = git_apply_options()
            try check(git_apply_options_init(&options, UInt32(GIT_APPLY_OPTIONS_VERSION)), "git_apply_options_init")
            var index: OpaquePointer?
            let result = git_apply_to_tree(&index, handle, preimage, diff, &options)
            defer { git_index_free(index) }
            do { try check(result, "git_apply_to_tree") } catch let error as GitError {
                let mismatch = [GIT_EAPPLYFAIL, GIT_ENOTFOUND, GIT_EEXISTS].map(\.rawValue)
                if mismatch.contains(error.code) { throw PatchFailure.doesNotApply(error.message) }
                throw error
            }
            var written = git_oid()
            try check(git_index_write_tree_to(&written, index, handle), "git_index_write_tree_to")
            return ObjectID(written)
        }
    }

    /// Whether `tree` has an entry at `path`. (git_tree_lookup, git_tree_entry_bypath)
    func hasEntry(at path: String, inTree tree: ObjectID) throws -> Bool {
        try entry(at: path, inTreeID: tree) != nil
    }

    /// The bytes of the regular file at `path` in `tree`, or nil when there is none.
    func fileBytes(at path: String, inTree tree: ObjectID) throws -> [UInt8]? {
        guard let entry = try entry(at: path, inTreeID: tree), entry.isFile else { return nil }
        return try blobBytes(entry.id)
    }

    /// The entry at `path` in the tree with id `tree`, or nil. (git_tree_lookup, git_tree_entry_bypath)
    private func entry(at path: String, inTreeID tree: ObjectID) throws -> GitEntry? {
        var treeID = tree.raw
        var object: OpaquePointer?
        let lookup = git_tree_lookup(&object, handle, &treeID)
        defer { git_tree_free(object) }
        try check(lookup, "git_tree_lookup")
        guard let object else { preconditionFailure("git_tree_lookup returned no tree") }
        return try entry(at: path, inTree: object)
    }

    /// The commit as libgit2 formats it for `git am`: headers, message, diffstat and diff against its
    /// only parent (or the empty tree), binary files as literal patches. (git_email_create_from_commit)
    func email(forCommit id: ObjectID) throws -> [UInt8] {
        // libgit2 1.5.1 has no init function for these options: this is GIT_EMAIL_CREATE_OPTIONS_INIT by hand.
        var options = git_email_create_options()
        options.version = UInt32(GIT_EMAIL_CREATE_OPTIONS_VERSION)
        options.flags = GIT_EMAIL_CREATE_DEFAULT.rawValue
        try check(git_diff_options_init(&options.diff_opts, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        options.diff_opts.flags = GIT_DIFF_SHOW_BINARY.rawValue
        try check(git_diff_find_options_init(&options.diff_find_opts, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)),
                  "git_diff_find_options_init")
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let result = try withCommit(id) { commit in git_email_create_from_commit(&buffer, commit, &options) }
        try check(result, "git_email_create_from_commit")
        guard let pointer = buffer.ptr else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: buffer.size))
    }
}
