/// What changed between two commits, for derived indexes kept outside WikiStore (the knowledge index).
extension Wiki {
    /// A path whose file differs between two commits: its blob at the newer commit, or nil when the path
    /// holds no file there any more (deleted, renamed away, or now a symlink or submodule).
    public struct FileChange: Hashable, Sendable {
        /// The file's path.
        public let path: String
        /// The file's blob at the newer commit; nil when it is gone.
        public let blobID: ObjectID?
    }

    /// Past this many changed files, blob ids come from one walk of the new tree rather than a path lookup
    /// each: libgit2 does not cache trees over 4 KiB (GIT_OPT_SET_CACHE_OBJECT_LIMIT), so every lookup in a
    /// folder of thousands of pages would inflate that folder's tree again.
    static let treeWalkThreshold = 32

    /// The files that differ between commit `old` (nil: the empty tree) and `new`, whoever made the commits
    /// (an edit, a push), without reading any content. (git_diff_tree_to_tree)
    public func fileChanges(from old: ObjectID?, to new: ObjectID) throws -> [FileChange] {
        try withRepository { repo in
            let changed = try repo.changedFiles(from: old, to: new)
            var gone: Set<String> = []
            var present: Set<String> = []
            for file in changed {
                if let oldPath = file.oldPath, file.change != .modified { gone.insert(oldPath) }
                if let newPath = file.newPath, file.change != .deleted { present.insert(newPath) }
            }
            var blobs: [String: ObjectID] = [:]
            if present.count > Self.treeWalkThreshold {
                for entry in try repo.listTree(ofCommit: new) where entry.kind != .folder && present.contains(entry.path) {
                    blobs[entry.path] = entry.blobID
                }
            } else {
                for path in present {
                    if let entry = try repo.entry(at: path, inCommit: new), entry.isFile { blobs[path] = entry.id }
                }
            }
            let paths = gone.union(present).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return paths.map { FileChange(path: $0, blobID: blobs[$0]) }
        }
    }

    /// The content of blob `id` (as `fileChanges` names it). (git_blob_lookup)
    public func blob(_ id: ObjectID) throws -> [UInt8] {
        try withRepository { try $0.blobBytes(id) }
    }
}
