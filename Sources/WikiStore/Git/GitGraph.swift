internal import CGit2

/// The kinds of git objects.
enum GitObjectKind: Equatable {
    case commit, tree, blob, tag
}

extension GitRepository {
    /// The kind of an object, or nil when the object database does not have it. (git_odb_read_header)
    func objectType(_ id: ObjectID) throws -> GitObjectKind? {
        try withODB { odb in try GitRepository.objectType(id, in: odb) }
    }

    /// The kind of an object in `odb`, or nil when absent. (git_odb_read_header)
    static func objectType(_ id: ObjectID, in odb: OpaquePointer) throws -> GitObjectKind? {
        var raw = id.raw
        var size = 0
        var type = GIT_OBJECT_INVALID
        let result = git_odb_read_header(&size, &type, odb, &raw)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "git_odb_read_header")
        switch type {
        case GIT_OBJECT_COMMIT: return .commit
        case GIT_OBJECT_TREE: return .tree
        case GIT_OBJECT_BLOB: return .blob
        case GIT_OBJECT_TAG: return .tag
        default: return nil
        }
    }

    /// Runs `body` with the repository's object database. (git_repository_odb)
    func withODB<R>(_ body: (OpaquePointer) throws -> R) throws -> R {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, handle), "git_repository_odb")
        defer { git_odb_free(odb) }
        guard let odb else { preconditionFailure("git_repository_odb returned no odb") }
        return try body(odb)
    }

    /// The object an annotated tag (chain) finally points at; other objects are returned as they are.
    /// (git_object_lookup, git_object_peel)
    func peel(_ id: ObjectID) throws -> ObjectID {
        var raw = id.raw
        var object: OpaquePointer?
        let result = git_object_lookup(&object, handle, &raw, GIT_OBJECT_ANY)
        defer { git_object_free(object) }
        try check(result, "git_object_lookup")
        guard git_object_type(object) == GIT_OBJECT_TAG else { return id }
        var target: OpaquePointer?
        let peelResult = git_object_peel(&target, object, GIT_OBJECT_ANY)
        defer { git_object_free(target) }
        try check(peelResult, "git_object_peel")
        guard let targetID = git_object_id(target) else { return id }
        return ObjectID(targetID.pointee)
    }

    /// True when `descendant` is `ancestor` or has it in its history. (git_graph_descendant_of)
    func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) throws -> Bool {
        if ancestor == descendant { return true }
        return try GitRepository.isAncestor(ancestor, of: descendant, repository: handle)
    }

    /// `isAncestor` on any repository handle (the quarantine view of a push uses it too).
    static func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID, repository: OpaquePointer) throws -> Bool {
        var commit = descendant.raw, base = ancestor.raw
        let result = git_graph_descendant_of(repository, &commit, &base)
        try check(result, "git_graph_descendant_of")
        return result == 1
    }

    /// True when the commit `id` is one of `tips` or in the history of any of them. (git_graph_reachable_from_any)
    func isReachable(_ id: ObjectID, fromAny tips: [ObjectID]) throws -> Bool {
        if tips.contains(id) { return true }
        guard !tips.isEmpty else { return false }
        var commit = id.raw
        let raws = tips.map(\.raw)
        let result = raws.withUnsafeBufferPointer { git_graph_reachable_from_any(handle, &commit, $0.baseAddress, $0.count) }
        try check(result, "git_graph_reachable_from_any")
        return result == 1
    }

    /// The parents of a commit. (git_commit_parent_id)
    func parents(of id: ObjectID) throws -> [ObjectID] {
        try withCommit(id) { commit in
            (0..<git_commit_parentcount(commit)).compactMap { git_commit_parent_id(commit, $0).map { ObjectID($0.pointee) } }
        }
    }
}

extension ObjectID {
    /// The id git would give `bytes` stored as a blob; a stable SHA-1 for cache keys. (git_odb_hash)
    static func blobID(of bytes: [UInt8]) throws -> ObjectID {
        var id = git_oid()
        let result = bytes.withUnsafeBytes { git_odb_hash(&id, $0.baseAddress, $0.count, GIT_OBJECT_BLOB) }
        try check(result, "git_odb_hash")
        return ObjectID(id)
    }
}

extension GitRepository {
    /// The number of commits in the history of `new` that are not in the history of `old` (nil: all of
    /// them), as `git rev-list --count old..new` counts. (git_revwalk_push, git_revwalk_hide)
    func commitCount(from old: ObjectID?, to new: ObjectID) throws -> Int {
        var walk: OpaquePointer?
        try check(git_revwalk_new(&walk, handle), "git_revwalk_new")
        defer { git_revwalk_free(walk) }
        var raw = new.raw
        try check(git_revwalk_push(walk, &raw), "git_revwalk_push")
        if let old {
            var hidden = old.raw
            try check(git_revwalk_hide(walk, &hidden), "git_revwalk_hide")
        }
        var next = git_oid()
        var count = 0
        while true {
            let result = git_revwalk_next(&next, walk)
            if result == GIT_ITEROVER.rawValue { return count }
            try check(result, "git_revwalk_next")
            count += 1
        }
    }
}
