internal import CGit2
import Foundation

/// One change to a tree: put a blob at a path, or remove the path.
enum TreeUpdate {
    /// Writes `blob` at `path` with `mode` (0o100644 for pages and attachments).
    case upsert(path: String, blob: ObjectID, mode: UInt32)
    /// Removes the file at `path`.
    case remove(path: String)

    /// The mode of a regular file.
    static let fileMode = GIT_FILEMODE_BLOB.rawValue
}

extension GitRepository {
    /// Writes a new tree: the tree of `commit` (or the empty tree) with `updates` applied.
    /// libgit2 creates and drops intermediate folders as needed. (git_tree_create_updated)
    func updatedTree(ofCommit commit: ObjectID?, applying updates: [TreeUpdate]) throws -> ObjectID {
        if let commit {
            return try withTree(ofCommit: commit) { tree in try apply(updates, to: tree) }
        }
        return try withEmptyTree { tree in try apply(updates, to: tree) }
    }

    /// Runs `body` with the empty tree, written to the object database. (git_treebuilder_write)
    private func withEmptyTree<R>(_ body: (OpaquePointer) throws -> R) throws -> R {
        var builder: OpaquePointer?
        try check(git_treebuilder_new(&builder, handle, nil), "git_treebuilder_new")
        defer { git_treebuilder_free(builder) }
        var id = git_oid()
        try check(git_treebuilder_write(&id, builder), "git_treebuilder_write")
        var tree: OpaquePointer?
        let result = git_tree_lookup(&tree, handle, &id)
        defer { git_tree_free(tree) }
        try check(result, "git_tree_lookup")
        guard let tree else { preconditionFailure("git_tree_lookup returned no tree") }
        return try body(tree)
    }

    /// Applies `updates` to `baseline` and returns the new tree's id.
    private func apply(_ updates: [TreeUpdate], to baseline: OpaquePointer) throws -> ObjectID {
        // The C structs point at C strings: copy the paths, free them when done.
        var paths: [UnsafeMutablePointer<CChar>] = []
        defer { paths.forEach { free($0) } }
        var raw: [git_tree_update] = []
        for update in updates {
            var entry = git_tree_update()
            let path: String
            switch update {
            case .upsert(let target, let blob, let mode):
                entry.action = GIT_TREE_UPDATE_UPSERT
                entry.id = blob.raw
                entry.filemode = git_filemode_t(rawValue: mode)
                path = target
            case .remove(let target):
                entry.action = GIT_TREE_UPDATE_REMOVE
                path = target
            }
            guard let copy = strdup(path) else { throw StoreError.invalidInput("out of memory copying a path") }
            paths.append(copy)
            entry.path = UnsafePointer(copy)
            raw.append(entry)
        }
        var id = git_oid()
        let result = git_tree_create_updated(&id, handle, baseline, raw.count, raw)
        try check(result, "git_tree_create_updated")
        return ObjectID(id)
    }
}
