internal import CGit2

extension GitRepository {
    /// Calls `body` with each commit from `start` along first parents, newest first, until it returns false.
    /// Main is kept linear (proposals are cherry-picked), so first parents are its history. (git_revwalk)
    func walkFirstParents(from start: ObjectID, _ body: (ObjectID) throws -> Bool) throws {
        var walk: OpaquePointer?
        try check(git_revwalk_new(&walk, handle), "git_revwalk_new")
        defer { git_revwalk_free(walk) }
        try check(git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue), "git_revwalk_sorting")
        try check(git_revwalk_simplify_first_parent(walk), "git_revwalk_simplify_first_parent")
        var raw = start.raw
        try check(git_revwalk_push(walk, &raw), "git_revwalk_push")
        var next = git_oid()
        while true {
            let result = git_revwalk_next(&next, walk)
            if result == GIT_ITEROVER.rawValue { return }
            try check(result, "git_revwalk_next")
            guard try body(ObjectID(next)) else { return }
        }
    }

    /// The first parent of a commit, or nil for a root commit. (git_commit_parent_id)
    func firstParent(of id: ObjectID) throws -> ObjectID? {
        try withCommit(id) { commit in
            git_commit_parentcount(commit) > 0 ? git_commit_parent_id(commit, 0).map { ObjectID($0.pointee) } : nil
        }
    }
}

extension GitRepository {
    /// The regular files (`100644`/`100755`) that commit `id` changed against `parent` (nil: a root commit),
    /// classified as `Wiki.history` always has: a path that is a file on one side only is added or deleted, an
    /// added path that a rename (`git diff -M`, 50% similarity) leads to is renamed. Rename detection runs
    /// only when the commit both adds and deletes files, since only then can it pair anything.
    /// (git_diff_tree_to_tree, git_diff_find_similar)
    func pathChanges(in id: ObjectID, parent: ObjectID?) throws -> [PathChange] {
        let newTree = try treeID(ofCommit: id)
        let oldTree = try parent.map { try treeID(ofCommit: $0) }
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        var diff: OpaquePointer?
        let result = try withTreeObject(newTree) { new in
            try withTreeObject(oldTree) { old in git_diff_tree_to_tree(&diff, handle, old, new, &options) }
        }
        defer { git_diff_free(diff) }
        try check(result, "git_diff_tree_to_tree")
        var statuses = Set<UInt32>()
        for index in 0..<git_diff_num_deltas(diff) { statuses.insert(git_diff_get_delta(diff, index)?.pointee.status.rawValue ?? 0) }
        if statuses.contains(GIT_DELTA_ADDED.rawValue) && statuses.contains(GIT_DELTA_DELETED.rawValue) {
            var find = git_diff_find_options()
            try check(git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)), "git_diff_find_options_init")
            find.flags = GIT_DIFF_FIND_RENAMES.rawValue
            try check(git_diff_find_similar(diff, &find), "git_diff_find_similar")
        }
        var before: [String: ObjectID] = [:], after: [String: ObjectID] = [:], renamedFrom: [String: String] = [:]
        for index in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
            let oldPath = delta.old_file.path.map { String(cString: $0) }
            let newPath = delta.new_file.path.map { String(cString: $0) }
            if delta.status != GIT_DELTA_ADDED, let oldPath, Self.isFileMode(delta.old_file.mode) {
                before[oldPath] = ObjectID(delta.old_file.id)
            }
            if delta.status != GIT_DELTA_DELETED, let newPath, Self.isFileMode(delta.new_file.mode) {
                after[newPath] = ObjectID(delta.new_file.id)
                if delta.status == GIT_DELTA_RENAMED, let oldPath, renamedFrom[newPath] == nil { renamedFrom[newPath] = oldPath }
            }
        }
        var changes: [PathChange] = []
        for path in Set(before.keys).union(after.keys).sorted() {
            switch (before[path], after[path]) {
            case (_?, let new?):
                // A mode-only change (644 to 755) is a change too, as `GitEntry` equality has it.
                changes.append(PathChange(path: path, kind: .modified, previousPath: nil, blob: new))
            case (let old?, nil):
                changes.append(PathChange(path: path, kind: .deleted, previousPath: nil, blob: old))
            case (nil, let new?):
                let source = renamedFrom[path]
                changes.append(PathChange(path: path, kind: source == nil ? .added : .renamed, previousPath: source, blob: new))
            case (nil, nil):
                continue
            }
        }
        return changes
    }

    /// True for a regular or executable file mode.
    private static func isFileMode(_ mode: UInt16) -> Bool {
        UInt32(mode) == GIT_FILEMODE_BLOB.rawValue || UInt32(mode) == GIT_FILEMODE_BLOB_EXECUTABLE.rawValue
    }

    /// Runs `body` with the tree `id`, or with nil (the empty tree). (git_tree_lookup)
    private func withTreeObject<R>(_ id: ObjectID?, _ body: (OpaquePointer?) throws -> R) throws -> R {
        guard let id else { return try body(nil) }
        var raw = id.raw
        var tree: OpaquePointer?
        let result = git_tree_lookup(&tree, handle, &raw)
        defer { git_tree_free(tree) }
        try check(result, "git_tree_lookup")
        return try body(tree)
    }
}
