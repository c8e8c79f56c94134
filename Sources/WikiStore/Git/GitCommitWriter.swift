internal import CGit2

extension GitRepository {
    /// Writes `bytes` as a blob and returns its id. (git_blob_create_from_buffer)
    func createBlob(_ bytes: [UInt8]) throws -> ObjectID {
        var id = git_oid()
        let result = bytes.withUnsafeBytes { git_blob_create_from_buffer(&id, handle, $0.baseAddress, $0.count) }
        try check(result, "git_blob_create_from_buffer")
        return ObjectID(id)
    }

    /// Writes a commit of `tree` without moving any ref; the caller moves main by CAS. The author's date is
    /// written in the zone `authorTimeZoneOffset` (minutes east of UTC), the committer's in UTC. (git_commit_create)
    func createCommit(tree: ObjectID, parents: [ObjectID], author: Person, authorTimeZoneOffset: Int = 0, committer: Person,
                      message: String) throws -> ObjectID {
        let authorSignature = try signature(author, role: "author", offset: authorTimeZoneOffset)
        defer { git_signature_free(authorSignature) }
        let committerSignature = try signature(committer, role: "committer", offset: 0)
        defer { git_signature_free(committerSignature) }

        var treeID = tree.raw
        var treeObject: OpaquePointer?
        let treeResult = git_tree_lookup(&treeObject, handle, &treeID)
        defer { git_tree_free(treeObject) }
        try check(treeResult, "git_tree_lookup")

        var parentObjects: [OpaquePointer?] = []
        defer { parentObjects.forEach { git_commit_free($0) } }
        for parent in parents {
            var parentID = parent.raw
            var object: OpaquePointer?
            let result = git_commit_lookup(&object, handle, &parentID)
            parentObjects.append(object)
            try check(result, "git_commit_lookup")
        }

        var id = git_oid()
        let result = parentObjects.withUnsafeMutableBufferPointer { parentPointers in
            git_commit_create(&id, handle, nil, authorSignature, committerSignature, nil, message, treeObject,
                              parentPointers.count, parentPointers.baseAddress)
        }
        try check(result, "git_commit_create")
        return ObjectID(id)
    }

    /// A signature for `person` at their date, in zone `offset` (minutes). libgit2 refuses empty names and angle brackets,
    /// which is the user's input, so that failure is `StoreError.invalidInput`. (git_signature_new)
    private func signature(_ person: Person, role: String, offset: Int) throws -> UnsafeMutablePointer<git_signature> {
        var out: UnsafeMutablePointer<git_signature>?
        let seconds = git_time_t(person.date.timeIntervalSince1970.rounded(.down))
        let result = git_signature_new(&out, person.name, person.email, seconds, Int32(clamping: offset))
        do { try check(result, "git_signature_new") } catch {
            throw StoreError.invalidInput("the \(role) \"\(person.name) <\(person.email)>\" is not a valid git signature: \(error.message)")
        }
        guard let out else { preconditionFailure("git_signature_new returned no signature") }
        return out
    }
}
