/// Patches as `git am` and `git format-patch` know them: applying a series as commits, exporting a commit.
extension Wiki {
    /// Creates one commit per patch on top of `base` (author from the patch, committer given), moving NO ref.
    /// Returns the new tip. A patch that does not apply throws
    /// StoreError.patchDoesNotApply(file: String, hunk: String, patch: Int) and nothing is referenced.
    ///
    /// Every path a patch touches must be a page (`PageName`) or an attachment (`AttachmentPath`) and a
    /// regular file; anything else is `StoreError.invalidInput`, checked for the whole series before any write.
    /// Each commit's message is the patch's message, its author date keeps the patch's zone. A hunk whose lines
    /// moved since the patch was made (the page changed above it) is applied where they are now, as `git am`
    /// does; a hunk whose lines changed does not apply (no fuzz, no three-way merge).
    public func applyPatches(_ patches: [PatchEmail], onto base: ObjectID, committer: Person) throws -> ObjectID {
        guard !patches.isEmpty else { throw StoreError.invalidInput("There are no patches to apply.") }
        for (index, patch) in patches.enumerated() {
            try Self.checkPaths(of: patch, number: index + 1, of: patches.count)
        }
        return try withRepository { repo in
            guard try repo.objectType(base) == .commit else { throw StoreError.revisionNotFound(base.description) }
            var tip = base
            var tree = try repo.treeID(ofCommit: base)
            for (index, patch) in patches.enumerated() {
                if let path = try Self.misplacedFile(of: patch, in: tree, repo) {
                    throw StoreError.patchDoesNotApply(file: path, hunk: "", patch: index + 1)
                }
                tree = try Self.apply(patch.diff, to: tree, repo, number: index + 1)
                tip = try repo.createCommit(tree: tree, parents: [tip], author: patch.author,
                                            authorTimeZoneOffset: patch.authorTimeZoneOffset, committer: committer,
                                            message: patch.message)
            }
            return tip
        }
    }

    /// `git format-patch -1 --stdout <rev>` equivalent: an mbox that `git am` applies to the parent.
    ///
    /// A root commit is the diff against the empty tree. A merge commit has no single parent to patch and
    /// is `StoreError.invalidInput`.
    public func formatPatch(_ revision: String) throws -> [UInt8] {
        try withRepository { repo in
            let id = try repo.resolveCommit(revision)
            guard try repo.parents(of: id).count <= 1 else {
                throw StoreError.invalidInput("Commit \(Revision(id).shortID) is a merge commit: a patch is the change against one parent.")
            }
            return MailExport.mbox(fromLibgit2: try repo.email(forCommit: id))
        }
    }

    /// Refuses a patch that cannot be read or that touches a path the wiki does not hold (not a page or
    /// attachment name, a symlink, a submodule).
    private static func checkPaths(of patch: PatchEmail, number: Int, of count: Int) throws {
        let which = count == 1 ? "The patch" : "Patch \(number) of \(count)"
        let files: [PatchedFile]
        do {
            files = try GitRepository.patchedFiles(patch.diff)
        } catch PatchFailure.unreadable(let message) {
            throw StoreError.invalidInput("\(which) has a diff that cannot be read: \(message).")
        }
        if files.isEmpty { throw StoreError.invalidInput("\(which) changes no file.") }
        for patched in files {
            for path in [patched.file.oldPath, patched.file.newPath].compactMap({ $0 }) {
                if let reason = refusal(of: path) {
                    throw StoreError.invalidInput("\(which) changes \"\(path)\", which is not a page or attachment path: \(reason).")
                }
            }
            // Symlinks (0o120000) and submodules (0o160000) would make the wiki reach outside its own files.
            // Mode 0: the diff has no mode line because the mode does not change.
            if patched.file.newPath != nil, patched.newMode != 0, patched.newMode & 0o170000 != 0o100000 {
                throw StoreError.invalidInput("\(which) makes \"\(patched.file.path)\" a symlink or submodule; the wiki holds regular files only.")
            }
        }
    }

    /// Why `path` is not a page file or an attachment path as written, or nil when it is one.
    private static func refusal(of path: String) -> String? {
        do {
            if path.hasSuffix(PageName.fileExtension) {
                let name = try PageName(filePath: path)
                return name.fileName == path ? nil : "it is not in Unicode NFC form"
            }
            let attachment = try AttachmentPath(path)
            return attachment.description == path ? nil : "it is not in Unicode NFC form"
        } catch StoreError.invalidPageName(_, let reason), StoreError.invalidPath(_, let reason) {
            return reason
        } catch {
            return "\(error)"
        }
    }

    /// The first file the patch creates that `tree` already has, or changes, renames or deletes that `tree`
    /// lacks. `git apply` refuses both; libgit2's apply to a tree silently overwrites an existing file.
    private static func misplacedFile(of patch: PatchEmail, in tree: ObjectID, _ repo: GitRepository) throws -> String? {
        for patched in try GitRepository.patchedFiles(patch.diff) {
            let file = patched.file
            if let old = file.oldPath, try !repo.hasEntry(at: old, inTree: tree) { return old }
            if let new = file.newPath, new != file.oldPath, try repo.hasEntry(at: new, inTree: tree) { return new }
        }
        return nil
    }

    /// Applies `diff` to `tree` where its hunks say; failing that, with each hunk moved to the nearest place its
    /// lines are now (`git apply`'s offset search); failing that, throws naming the file and hunk at fault.
    private static func apply(_ diff: [UInt8], to tree: ObjectID, _ repo: GitRepository, number: Int) throws -> ObjectID {
        do { return try repo.applyPatch(diff, toTree: tree) } catch PatchFailure.doesNotApply {}
        let original = PatchText(diff)
        var moved = original
        for (index, file) in original.files.enumerated() where !file.hunks.isEmpty {
            guard let old = path(of: file)?.old, let preimage = try repo.fileBytes(at: old, inTree: tree) else { continue }
            moved.files[index] = HunkRelocation.relocate(file, in: preimage)
        }
        do { return try repo.applyPatch(moved.bytes, toTree: tree) } catch PatchFailure.doesNotApply {}
        let (fileIndex, hunkIndex) = locateFailure(of: moved, on: tree, repo)
        // Name the hunk as the patch's author wrote it, not as it was moved.
        let hunk = hunkIndex.map { original.files[fileIndex].hunkHeader($0) } ?? ""
        throw StoreError.patchDoesNotApply(file: path(of: original.files[fileIndex])?.path ?? "", hunk: hunk, patch: number)
    }

    /// The old path (nil for a new file) and the path shown to users of one file section.
    private static func path(of file: PatchText.File) -> (old: String?, path: String)? {
        guard let patched = try? GitRepository.patchedFiles(file.header + (file.hunks.first ?? [])).first else { return nil }
        return (patched.file.oldPath, patched.file.path)
    }

    /// The section and hunk of `text` that do not apply to `tree`: each file is retried alone, first without
    /// hunks (is the file there, or absent for a new one?), then with its first hunks only. A nil hunk means
    /// the file itself.
    private static func locateFailure(of text: PatchText, on tree: ObjectID, _ repo: GitRepository) -> (Int, Int?) {
        for (index, file) in text.files.enumerated() where applies(file.text(hunks: file.hunks.count), on: tree, repo) == false {
            // A header without hunks may not parse (nil): then only the hunks can tell.
            if file.hunks.isEmpty || applies(file.header, on: tree, repo) == false { return (index, nil) }
            // Binary search for the shortest failing prefix of hunks (a longer prefix fails too): log n trials,
            // so a patch of thousands of hunks cannot make this quadratic.
            var low = 1, high = file.hunks.count
            while low < high {
                let middle = (low + high) / 2
                if applies(file.text(hunks: middle), on: tree, repo) == true { low = middle + 1 } else { high = middle }
            }
            return (index, low - 1)
        }
        return (0, nil)
    }

    /// Whether `diff` applies to `tree`, or nil when the text cannot be read or tried (the trial's objects are
    /// written but never referenced).
    private static func applies(_ diff: [UInt8], on tree: ObjectID, _ repo: GitRepository) -> Bool? {
        do {
            _ = try repo.applyPatch(diff, toTree: tree)
            return true
        } catch PatchFailure.doesNotApply {
            return false
        } catch {
            return nil
        }
    }
}
