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
