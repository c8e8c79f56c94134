internal import CGit2
import Foundation

extension ObjectID {
    /// Copies a libgit2 id.
    init(_ oid: git_oid) {
        let bytes = withUnsafeBytes(of: oid.id) { Array($0) }
        guard let id = ObjectID(bytes: bytes) else { preconditionFailure("git_oid is not 20 bytes") }
        self = id
    }

    /// The libgit2 form, for passing by pointer.
    var raw: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { $0.copyBytes(from: bytes) }
        return oid
    }
}

extension Person {
    /// Copies a signature; names and emails with invalid UTF-8 are repaired.
    init(_ signature: UnsafePointer<git_signature>) {
        let value = signature.pointee
        self.init(name: value.name.map { String(cString: $0) } ?? "",
                  email: value.email.map { String(cString: $0) } ?? "",
                  date: Date(timeIntervalSince1970: TimeInterval(value.when.time)))
    }
}

/// A blob or tree found at a path of a commit's tree.
struct GitEntry: Equatable {
    /// The object's id.
    let id: ObjectID
    /// The git file mode (0o100644, 0o100755, 0o120000, 0o040000, 0o160000).
    let mode: UInt32
    /// True for a directory.
    var isTree: Bool { mode == GIT_FILEMODE_TREE.rawValue }
    /// True for a regular or executable file.
    var isFile: Bool { mode == GIT_FILEMODE_BLOB.rawValue || mode == GIT_FILEMODE_BLOB_EXECUTABLE.rawValue }
}

extension GitRepository {
    /// Finds the commit whose id is, or starts with, `hex` (7 to 40 hex digits). (git_object_lookup_prefix)
    func resolveCommit(_ hex: String) throws -> ObjectID {
        let digits = Array(hex.utf8)
        guard (Revision.shortLength...2 * ObjectID.byteCount).contains(digits.count),
              digits.allSatisfy({ ObjectID.nibble($0) != nil }) else { throw StoreError.invalidRevision(hex) }
        var prefix = git_oid()
        try check(git_oid_fromstrn(&prefix, hex, digits.count), "git_oid_fromstrn")
        var object: OpaquePointer?
        let result = git_object_lookup_prefix(&object, handle, &prefix, digits.count, GIT_OBJECT_COMMIT)
        defer { git_object_free(object) }
        do { try check(result, "git_object_lookup_prefix") } catch {
            if error.isNotFound { throw StoreError.revisionNotFound(hex) }
            if error.isAmbiguous { throw StoreError.ambiguousRevision(hex) }
            throw error
        }
        guard let id = git_object_id(object) else { throw StoreError.revisionNotFound(hex) }
        return ObjectID(id.pointee)
    }

    /// Runs `body` with the looked-up commit, freeing it after. (git_commit_lookup)
    func withCommit<R>(_ id: ObjectID, _ body: (OpaquePointer) throws -> R) throws -> R {
        var raw = id.raw
        var commit: OpaquePointer?
        let result = git_commit_lookup(&commit, handle, &raw)
        defer { git_commit_free(commit) }
        try check(result, "git_commit_lookup")
        guard let commit else { preconditionFailure("git_commit_lookup returned no commit") }
        return try body(commit)
    }

    /// Runs `body` with the root tree of a commit, freeing it after. (git_commit_tree)
    func withTree<R>(ofCommit id: ObjectID, _ body: (OpaquePointer) throws -> R) throws -> R {
        try withCommit(id) { commit in
            var tree: OpaquePointer?
            let result = git_commit_tree(&tree, commit)
            defer { git_tree_free(tree) }
            try check(result, "git_commit_tree")
            guard let tree else { preconditionFailure("git_commit_tree returned no tree") }
            return try body(tree)
        }
    }

    /// Decodes a commit into a value.
    func commit(_ id: ObjectID) throws -> Commit {
        try withCommit(id) { commit in
            let parents = (0..<git_commit_parentcount(commit)).compactMap { index in
                git_commit_parent_id(commit, index).map { ObjectID($0.pointee) }
            }
            let author = git_commit_author(commit).map(Person.init) ?? Person(name: "", email: "", date: .distantPast)
            let committer = git_commit_committer(commit).map(Person.init) ?? author
            return Commit(id: id, parents: parents, author: author, committer: committer,
                          message: git_commit_message(commit).map { String(cString: $0) } ?? "",
                          summary: git_commit_summary(commit).map { String(cString: $0) } ?? "")
        }
    }

    /// The entry at `path` in a commit's tree, or nil when absent. (git_tree_entry_bypath)
    func entry(at path: String, inCommit id: ObjectID) throws -> GitEntry? {
        try withTree(ofCommit: id) { tree in try entry(at: path, inTree: tree) }
    }

    /// The entry at `path` below `tree`, or nil when absent.
    func entry(at path: String, inTree tree: OpaquePointer) throws -> GitEntry? {
        var entry: OpaquePointer?
        let result = git_tree_entry_bypath(&entry, tree, path)
        defer { git_tree_entry_free(entry) }
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "git_tree_entry_bypath")
        guard let id = git_tree_entry_id(entry) else { return nil }
        return GitEntry(id: ObjectID(id.pointee), mode: git_tree_entry_filemode(entry).rawValue)
    }

    /// The bytes of a blob. (git_blob_lookup, git_blob_rawcontent)
    func blobBytes(_ id: ObjectID) throws -> [UInt8] {
        try withBlobBytes(id) { Array($0) }
    }

    /// Calls `body` with a blob's bytes where libgit2 holds them, valid only during the call: for reading
    /// many versions (blame) without a copy of each. (git_blob_lookup, git_blob_rawcontent)
    func withBlobBytes<R>(_ id: ObjectID, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        var raw = id.raw
        var blob: OpaquePointer?
        let result = git_blob_lookup(&blob, handle, &raw)
        defer { git_blob_free(blob) }
        try check(result, "git_blob_lookup")
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let content = git_blob_rawcontent(blob) else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeRawBufferPointer(start: content, count: size))
    }

    /// The bytes of the file at `path` in a commit, or nil when there is no regular file there.
    func fileBytes(at path: String, inCommit id: ObjectID) throws -> (id: ObjectID, bytes: [UInt8])? {
        guard let entry = try entry(at: path, inCommit: id), entry.isFile else { return nil }
        return (entry.id, try blobBytes(entry.id))
    }
}

extension GitRepository {
    /// The id of a commit's root tree. (git_commit_tree_id)
    func treeID(ofCommit id: ObjectID) throws -> ObjectID {
        try withCommit(id) { commit in
            guard let tree = git_commit_tree_id(commit) else { preconditionFailure("a commit without a tree id") }
            return ObjectID(tree.pointee)
        }
    }
}
