internal import CGit2

extension GitRepository {
    /// Every file and folder of a commit's tree, depth first, paths relative to the root.
    func listTree(ofCommit id: ObjectID) throws -> [TreeEntry] {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, handle), "git_repository_odb")
        defer { git_odb_free(odb) }
        var entries: [TreeEntry] = []
        try withTree(ofCommit: id) { tree in
            try collect(tree, prefix: "", odb: odb, into: &entries)
        }
        return entries
    }

    /// Appends the entries of `tree` (and its subtrees) to `entries`.
    private func collect(_ tree: OpaquePointer, prefix: String, odb: OpaquePointer?, into entries: inout [TreeEntry]) throws {
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index), let rawID = git_tree_entry_id(entry),
                  let rawName = git_tree_entry_name(entry) else { continue }
            let path = prefix + String(cString: rawName)
            let id = ObjectID(rawID.pointee)
            switch git_tree_entry_type(entry) {
            case GIT_OBJECT_TREE:
                entries.append(TreeEntry(path: path, kind: .folder, blobID: id, size: 0))
                var raw = rawID.pointee
                var subtree: OpaquePointer?
                let result = git_tree_lookup(&subtree, handle, &raw)
                defer { git_tree_free(subtree) }
                try check(result, "git_tree_lookup")
                guard let subtree else { continue }
                try collect(subtree, prefix: path + "/", odb: odb, into: &entries)
            case GIT_OBJECT_BLOB:
                // The header gives the size without inflating the blob. (git_odb_read_header)
                var size = 0
                var type = GIT_OBJECT_ANY
                var raw = rawID.pointee
                try check(git_odb_read_header(&size, &type, odb, &raw), "git_odb_read_header")
                let isPage = path.hasSuffix(PageName.fileExtension) && (try? PageName(filePath: path)) != nil
                entries.append(TreeEntry(path: path, kind: isPage ? .page : .attachment, blobID: id, size: size))
            default:
                // Submodule links (GIT_OBJECT_COMMIT) have no content in this repository.
                continue
            }
        }
    }
}
