internal import CGit2

/// The result of a three-way text merge.
enum TextMerge: Equatable {
    /// Merged without overlap.
    case clean([UInt8])
    /// The edits overlap; the text carries conflict markers.
    case conflict(markedUp: [UInt8])
}

extension GitRepository {
    /// Merges `ours` and `theirs`, both derived from `base`, as `git merge-file -p` does. (git_merge_file)
    static func mergeText(base: [UInt8], ours: [UInt8], theirs: [UInt8]) throws -> TextMerge {
        _ = library
        var options = git_merge_file_options()
        try check(git_merge_file_options_init(&options, UInt32(GIT_MERGE_FILE_OPTIONS_VERSION)), "git_merge_file_options_init")
        var out = git_merge_file_result()
        defer { git_merge_file_result_free(&out) }
        let result = withInput(base) { ancestor in
            withInput(ours) { ours in
                withInput(theirs) { theirs in
                    "base".withCString { baseLabel in
                        "your edit".withCString { ourLabel in
                            "current".withCString { theirLabel in
                                var labelled = options
                                labelled.ancestor_label = baseLabel
                                labelled.our_label = ourLabel
                                labelled.their_label = theirLabel
                                var ancestor = ancestor, ours = ours, theirs = theirs
                                return git_merge_file(&out, &ancestor, &ours, &theirs, &labelled)
                            }
                        }
                    }
                }
            }
        }
        try check(result, "git_merge_file")
        let merged = out.ptr.map { Array(UnsafeRawBufferPointer(start: $0, count: out.len)) } ?? []
        return out.automergeable != 0 ? .clean(merged) : .conflict(markedUp: merged)
    }

    /// Runs `body` with a merge input over `bytes`, valid only inside the call.
    private static func withInput<R>(_ bytes: [UInt8], _ body: (git_merge_file_input) -> R) -> R {
        // An empty side still gets a valid pointer: libgit2 reads `ptr` before `size`.
        let storage: [UInt8] = bytes.isEmpty ? [0] : bytes
        return storage.withUnsafeBufferPointer { buffer in
            var input = git_merge_file_input()
            _ = git_merge_file_input_init(&input, UInt32(GIT_MERGE_FILE_INPUT_VERSION))
            input.ptr = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            input.size = bytes.count
            input.mode = TreeUpdate.fileMode
            return body(input)
        }
    }
}
