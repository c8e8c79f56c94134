/// Reading pages, files and the tree listing.
extension Wiki {
    /// A page at the tip of main, or at `revision` (7 to 40 hex digits).
    public func page(_ name: PageName, at revision: String? = nil) throws -> Page {
        try withRepository { repo in
            guard let commit = try commitID(revision, in: repo),
                  let file = try cachedFile(name.fileName, inCommit: commit, repo: repo) else {
                throw StoreError.pageNotFound(name)
            }
            return Page(name: name, bytes: file.bytes, blobID: file.blobID, revision: Revision(commit))
        }
    }

    /// Any file of the tree (an attachment, or a page's raw Markdown) at the tip or at `revision`.
    public func file(_ path: String, at revision: String? = nil) throws -> FileContent {
        let normalized: String
        do { normalized = try PathRules.validate(path) } catch {
            throw StoreError.invalidPath(path, reason: error.text)
        }
        return try withRepository { repo in
            guard let commit = try commitID(revision, in: repo),
                  let file = try cachedFile(normalized, inCommit: commit, repo: repo) else {
                throw StoreError.fileNotFound(normalized)
            }
            return FileContent(path: normalized, bytes: file.bytes, blobID: file.blobID, revision: Revision(commit))
        }
    }

    /// Every page, attachment and folder at the tip or at `revision`, sorted by path bytes; empty while main is unborn.
    public func pages(at revision: String? = nil) throws -> [TreeEntry] {
        try withRepository { repo in
            guard let commit = try commitID(revision, in: repo) else { return [] }
            return try repo.listTree(ofCommit: commit).sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        }
    }

    /// True when the page exists at the tip or at `revision`.
    public func exists(_ name: PageName, at revision: String? = nil) throws -> Bool {
        try withRepository { repo in
            guard let commit = try commitID(revision, in: repo) else { return false }
            return try repo.entry(at: name.fileName, inCommit: commit)?.isFile ?? false
        }
    }

    /// The special page (`_Sidebar`, `_Footer`) that applies to `page`: the one in the page's folder, else
    /// in the nearest folder above it (gollum-lib's lookup). nil when there is none or `special` is not a valid name.
    public func nearest(_ special: String, for page: PageName, at revision: String? = nil) -> Page? {
        var folder = page.folder
        while true {
            if let name = try? PageName(folder.isEmpty ? special : folder + "/" + special),
               let found = try? self.page(name, at: revision) {
                return found
            }
            if folder.isEmpty { return nil }
            folder = folder.lastIndex(of: "/").map { String(folder[..<$0]) } ?? ""
        }
    }

    /// The commit to read: `revision` resolved, or the tip of main (nil while it is unborn).
    func commitID(_ revision: String?, in repo: GitRepository) throws -> ObjectID? {
        guard let revision else { return try repo.branchTip() }
        return try repo.resolveCommit(revision)
    }

    /// The file at `path` in commit `commit`, through the file cache.
    func cachedFile(_ path: String, inCommit commit: ObjectID, repo: GitRepository) throws -> FileCache.Entry? {
        try fileCache.file(.init(commit: commit, path: path)) {
            try repo.fileBytes(at: path, inCommit: commit).map { FileCache.Entry(blobID: $0.id, bytes: $0.bytes) }
        }
    }
}
