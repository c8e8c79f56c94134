internal import CGit2

/// The result of merging two commits' trees in memory.
struct TreeMerge: Equatable {
    /// Paths with conflicts, sorted bytewise; empty for a clean merge.
    let conflicts: [String]
    /// The merged tree, written to the object database; nil when there are conflicts or it was not asked for.
    let tree: ObjectID?
    /// The merged blob of each asked-for path that exists after the merge without a conflict.
    let blobs: [String: ObjectID]
}

extension GitRepository {
    /// Merges the trees of `ours` and `theirs` (base: their merge base) without touching any ref, as
    /// `git merge` would, renames detected. Writes the merged tree when `writeTree` and the merge is clean,
    /// and reads the merged blob ids of `paths`. (git_merge_commits, git_index_write_tree_to)
    func merge(_ ours: ObjectID, _ theirs: ObjectID, writeTree: Bool, reading paths: [String] = []) throws -> TreeMerge {
        var options = git_merge_options()
        try check(git_merge_options_init(&options, UInt32(GIT_MERGE_OPTIONS_VERSION)), "git_merge_options_init")
        return try withCommit(ours) { ourCommit in
            try withCommit(theirs) { theirCommit in
                var index: OpaquePointer?
                let result = git_merge_commits(&index, handle, ourCommit, theirCommit, &options)
                defer { git_index_free(index) }
                try check(result, "git_merge_commits")
                guard let index else { preconditionFailure("git_merge_commits returned no index") }
                let conflicts = git_index_has_conflicts(index) == 1 ? try conflictPaths(index) : []
                var tree: ObjectID?
                if writeTree && conflicts.isEmpty {
                    var id = git_oid()
                    try check(git_index_write_tree_to(&id, index, handle), "git_index_write_tree_to")
                    tree = ObjectID(id)
                }
                var blobs: [String: ObjectID] = [:]
                for path in paths {
                    // Stage 0 is the merged entry; a conflicted path has only stages 1-3.
                    if let entry = git_index_get_bypath(index, path, 0) { blobs[path] = ObjectID(entry.pointee.id) }
                }
                return TreeMerge(conflicts: conflicts, tree: tree, blobs: blobs)
            }
        }
    }

    /// The change `commit` made against its first parent, applied onto `onto` as `git cherry-pick` does: the new
    /// tree (written) or the conflicting paths. (git_cherrypick_commit, git_index_write_tree_to)
    func cherryPick(_ commit: ObjectID, onto: ObjectID) throws -> TreeMerge {
        var options = git_merge_options()
        try check(git_merge_options_init(&options, UInt32(GIT_MERGE_OPTIONS_VERSION)), "git_merge_options_init")
        return try withCommit(commit) { picked in
            try withCommit(onto) { ours in
                var index: OpaquePointer?
                let result = git_cherrypick_commit(&index, handle, picked, ours, 0, &options)
                defer { git_index_free(index) }
                try check(result, "git_cherrypick_commit")
                guard let index else { preconditionFailure("git_cherrypick_commit returned no index") }
                if git_index_has_conflicts(index) == 1 { return TreeMerge(conflicts: try conflictPaths(index), tree: nil, blobs: [:]) }
                var id = git_oid()
                try check(git_index_write_tree_to(&id, index, handle), "git_index_write_tree_to")
                return TreeMerge(conflicts: [], tree: ObjectID(id), blobs: [:])
            }
        }
    }

    /// The author's time zone of `commit`, in minutes east of UTC. (git_commit_author)
    func authorTimeZoneOffset(of commit: ObjectID) throws -> Int {
        try withCommit(commit) { Int(git_commit_author($0)?.pointee.when.offset ?? 0) }
    }

    /// The paths of an index's conflicts, each once, sorted. (git_index_conflict_iterator_new, git_index_conflict_next)
    private func conflictPaths(_ index: OpaquePointer) throws -> [String] {
        var iterator: OpaquePointer?
        try check(git_index_conflict_iterator_new(&iterator, index), "git_index_conflict_iterator_new")
        defer { git_index_conflict_iterator_free(iterator) }
        var paths = Set<String>()
        while true {
            var ancestor: UnsafePointer<git_index_entry>?, ours: UnsafePointer<git_index_entry>?, theirs: UnsafePointer<git_index_entry>?
            let result = git_index_conflict_next(&ancestor, &ours, &theirs, iterator)
            if result == GIT_ITEROVER.rawValue { break }
            try check(result, "git_index_conflict_next")
            for entry in [ancestor, ours, theirs] {
                if let path = entry?.pointee.path { paths.insert(String(cString: path)) }
            }
        }
        return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The best common ancestor of two commits, or nil when their histories are unrelated. (git_merge_base)
    func mergeBase(_ one: ObjectID, _ two: ObjectID) throws -> ObjectID? {
        var out = git_oid(), first = one.raw, second = two.raw
        let result = git_merge_base(&out, handle, &first, &second)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "git_merge_base")
        return ObjectID(out)
    }

    /// The commits reachable from `head` but not from `hidden`, parents before children (oldest first).
    /// (git_revwalk_sorting with GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE)
    func commitsOldestFirst(from head: ObjectID, hiding hidden: ObjectID?, limit: Int) throws -> [ObjectID] {
        var walk: OpaquePointer?
        try check(git_revwalk_new(&walk, handle), "git_revwalk_new")
        defer { git_revwalk_free(walk) }
        let sorting = GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue | GIT_SORT_REVERSE.rawValue
        try check(git_revwalk_sorting(walk, sorting), "git_revwalk_sorting")
        var raw = head.raw
        try check(git_revwalk_push(walk, &raw), "git_revwalk_push")
        if let hidden {
            var hiddenRaw = hidden.raw
            try check(git_revwalk_hide(walk, &hiddenRaw), "git_revwalk_hide")
        }
        var ids: [ObjectID] = []
        var next = git_oid()
        while ids.count < limit {
            let result = git_revwalk_next(&next, walk)
            if result == GIT_ITEROVER.rawValue { break }
            try check(result, "git_revwalk_next")
            ids.append(ObjectID(next))
        }
        return ids
    }
}
