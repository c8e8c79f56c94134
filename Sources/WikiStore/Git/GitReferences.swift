internal import CGit2

/// A direct reference as advertised to git clients: its name, the object it names and, for an annotated
/// tag, the object the tag finally points at.
struct AdvertisedRef: Equatable {
    /// The full name, e.g. `refs/heads/main`.
    let name: String
    /// The object the ref points at (a tag object for an annotated tag).
    let id: ObjectID
    /// The fully peeled object when `id` is an annotated tag, else nil.
    let peeled: ObjectID?
}

extension GitRepository {
    /// Every direct reference, sorted bytewise by name, with annotated tags peeled; symbolic refs other than
    /// HEAD (none in a wiki) are skipped. (git_reference_iterator_new, git_reference_next, git_object_peel)
    func advertisedReferences() throws -> [AdvertisedRef] {
        var iterator: OpaquePointer?
        try check(git_reference_iterator_new(&iterator, handle), "git_reference_iterator_new")
        defer { git_reference_iterator_free(iterator) }
        var refs: [AdvertisedRef] = []
        while true {
            var reference: OpaquePointer?
            let result = git_reference_next(&reference, iterator)
            defer { git_reference_free(reference) }
            if result == GIT_ITEROVER.rawValue { break }
            try check(result, "git_reference_next")
            guard git_reference_type(reference) == GIT_REFERENCE_DIRECT, let rawName = git_reference_name(reference),
                  let target = git_reference_target(reference) else { continue }
            let id = ObjectID(target.pointee)
            let peeled = try objectType(id) == .tag ? peel(id) : nil
            refs.append(AdvertisedRef(name: String(cString: rawName), id: id, peeled: peeled))
        }
        // gitprotocol-pack: refs are advertised sorted by name, in C locale (bytewise) order.
        return refs.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    /// The ref HEAD names (normally `refs/heads/main`), or nil when HEAD is detached or missing.
    /// (git_reference_lookup, git_reference_symbolic_target)
    func headTarget() throws -> String? {
        var head: OpaquePointer?
        let result = git_reference_lookup(&head, handle, "HEAD")
        defer { git_reference_free(head) }
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "git_reference_lookup")
        return git_reference_symbolic_target(head).map { String(cString: $0) }
    }

    /// The object a direct reference points at, or nil when it does not exist. (git_reference_name_to_id)
    func referenceID(_ name: String) throws(GitError) -> ObjectID? {
        var id = git_oid()
        let result = git_reference_name_to_id(&id, handle, name)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "git_reference_name_to_id")
        return ObjectID(id)
    }

    /// Sets `name` to `new` only if it still points at `expected` (nil: only if it does not exist yet), durably;
    /// a lost race throws a `GitError` whose `isLostRace` is true. (`moveReferences` with one ref)
    func setReference(_ name: String, to new: ObjectID, expecting expected: ObjectID?, logMessage: String) throws(GitError) {
        try moveReferences([ReferenceUpdate(name: name, new: new, expected: expected)], logMessage: logMessage)
    }

    /// True when `name` is a well-formed reference name (git check-ref-format rules). (git_reference_name_is_valid)
    static func isValidReferenceName(_ name: String) -> Bool {
        var valid: Int32 = 0
        return git_reference_name_is_valid(&valid, name) == 0 && valid == 1
    }

    /// Names of references starting with `prefix`, in no particular order. (git_reference_iterator_glob_new)
    func referenceNames(matching glob: String) throws -> [String] {
        var iterator: OpaquePointer?
        try check(git_reference_iterator_glob_new(&iterator, handle, glob), "git_reference_iterator_glob_new")
        defer { git_reference_iterator_free(iterator) }
        var names: [String] = []
        var name: UnsafePointer<CChar>?
        while true {
            let result = git_reference_next_name(&name, iterator)
            if result == GIT_ITEROVER.rawValue { return names }
            try check(result, "git_reference_next_name")
            if let name { names.append(String(cString: name)) }
        }
    }
}
