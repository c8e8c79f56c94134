/// Diffs of pages and commits, line by line with changed words marked.
extension Wiki {
    /// The diff of one page from `from` (nil: the first parent of `to`) to `to`; a rename inside the range
    /// shows as one renamed file. Empty when the page did not change.
    public func diff(of page: PageName, from: String? = nil, to: String) throws -> Diff {
        try withRepository { repo in
            let new = try repo.resolveCommit(to)
            let old = try from.map { try repo.resolveCommit($0) } ?? repo.commit(new).parents.first
            let files = try repo.fileDiffs(from: old, to: new) { $0.newPath == page.fileName || $0.oldPath == page.fileName }
            return Diff(files: files)
        }
    }

    /// Every file a commit changed against its first parent (the empty tree for a root commit).
    public func diff(commit revision: String) throws -> Diff {
        try withRepository { repo in
            let id = try repo.resolveCommit(revision)
            return Diff(files: try repo.fileDiffs(from: repo.commit(id).parents.first, to: id) { _ in true })
        }
    }
}
