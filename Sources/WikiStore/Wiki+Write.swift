import Foundation

/// Writing: every write is one commit moved onto main by compare-and-swap, or nothing at all.
extension Wiki {
    /// Writes a page. Identical content is `.unchanged`; an edit whose base is older than the page's
    /// latest change is merged three-way (`.merged`), and an overlap is `.conflict` with nothing committed.
    /// See `PageEdit.base` for a nil base.
    public func save(_ edit: PageEdit) throws -> WriteOutcome {
        let message = try Self.commitMessage(edit.message, default: "Update \(edit.name)")
        return try write { repo, tip in
            try checkPath(edit.name.fileName, at: tip, in: repo)
            let current = try tip.flatMap { try repo.fileBytes(at: edit.name.fileName, inCommit: $0) }
            if current?.bytes == edit.content { return .finished(.unchanged) }
            let base = try edit.base.flatMap { try baseFile(edit.name.fileName, at: $0.id, in: repo) }
            guard let current, let tip else {
                // The page is not at the tip. If the editor saw it, it was deleted meanwhile: let the user decide.
                if let base, let tip {
                    return .finished(.conflict(Conflict(base: base.bytes, ours: edit.content, theirs: [],
                                                        current: Revision(tip), merged: edit.content)))
                }
                return .commit(try upsert(edit.content, at: edit.name.fileName, in: repo), edit.author, message, merged: false)
            }
            if let base, base.id == current.id {
                // Nobody changed the page since the editor loaded it.
                return .commit(try upsert(edit.content, at: edit.name.fileName, in: repo), edit.author, message, merged: false)
            }
            switch try GitRepository.mergeText(base: base?.bytes ?? [], ours: edit.content, theirs: current.bytes) {
            case .clean(let merged):
                if merged == current.bytes { return .finished(.unchanged) }
                return .commit(try upsert(merged, at: edit.name.fileName, in: repo), edit.author, message, merged: true)
            case .conflict(let markedUp):
                return .finished(.conflict(Conflict(base: base?.bytes ?? [], ours: edit.content, theirs: current.bytes,
                                                    current: Revision(tip), merged: markedUp)))
            }
        }
    }

    /// Renames a page, keeping its blob so history follows the rename. Fails with `pageNotFound` or `pageExists`.
    @discardableResult
    public func rename(_ from: PageName, to: PageName, author: Person, message: String = "") throws -> Revision {
        guard from != to else { throw StoreError.invalidInput("a page cannot be renamed to itself") }
        let text = try Self.commitMessage(message, default: "Rename \(from) to \(to)")
        return try commitRevision(write { repo, tip in
            guard let tip, let entry = try repo.entry(at: from.fileName, inCommit: tip), entry.isFile else {
                throw StoreError.pageNotFound(from)
            }
            if try repo.entry(at: to.fileName, inCommit: tip) != nil { throw StoreError.pageExists(to) }
            try checkPath(to.fileName, at: tip, in: repo)
            let updates: [TreeUpdate] = [.remove(path: from.fileName), .upsert(path: to.fileName, blob: entry.id, mode: entry.mode)]
            return .commit(updates, author, text, merged: false)
        })
    }

    /// Deletes a page; fails with `pageNotFound` when it is not at the tip.
    @discardableResult
    public func delete(_ name: PageName, author: Person, message: String = "") throws -> Revision {
        let text = try Self.commitMessage(message, default: "Delete \(name)")
        return try commitRevision(write { repo, tip in
            guard let tip, try repo.entry(at: name.fileName, inCommit: tip)?.isFile == true else {
                throw StoreError.pageNotFound(name)
            }
            return .commit([.remove(path: name.fileName)], author, text, merged: false)
        })
    }

    /// Stores an attachment (any extension but `.md`). Identical bytes commit nothing and return the tip.
    @discardableResult
    public func upload(path: String, bytes: [UInt8], author: Person, message: String = "") throws -> Revision {
        let attachment = try AttachmentPath(path)
        let text = try Self.commitMessage(message, default: "Upload \(attachment)")
        return try commitRevision(write { repo, tip in
            try checkPath(attachment.description, at: tip, in: repo)
            return .commit(try upsert(bytes, at: attachment.description, in: repo), author, text, merged: false)
        })
    }

    /// What one attempt of a write decided.
    enum WritePlan {
        /// Stop with this outcome, committing nothing.
        case finished(WriteOutcome)
        /// Commit these tree updates on the tip with this author and message.
        case commit([TreeUpdate], Person, String, merged: Bool)
    }

    /// Runs a write under the writer lock: plan against the tip, commit, move main by CAS; when another
    /// writer (a `git push`, another process) moved main meanwhile, plan again on the new tip, 3 times at most.
    func write(source: CommitSource = .web, _ plan: (GitRepository, ObjectID?) throws -> WritePlan) throws -> WriteOutcome {
        defer { noteRefsMayHaveMoved() }
        return try writer.withLock {
            try withRepository { repo in
                for _ in 0..<3 {
                    let tip = try repo.branchTip()
                    let updates: [TreeUpdate], author: Person, message: String, merged: Bool
                    switch try plan(repo, tip) {
                    case .finished(let outcome): return outcome
                    case .commit(let planned, let by, let text, let isMerge): (updates, author, message, merged) = (planned, by, text, isMerge)
                    }
                    let tree = try repo.updatedTree(ofCommit: tip, applying: updates)
                    if let tip, try repo.treeID(ofCommit: tip) == tree { return .unchanged }
                    let committer = Person(name: identity.name, email: identity.email, date: Date())
                    let commit = try repo.createCommit(tree: tree, parents: tip.map { [$0] } ?? [], author: author,
                                                       committer: committer, message: message)
                    do {
                        try repo.moveMain(to: commit, expecting: tip, logMessage: "opswiki: \(message.prefix(80))")
                    } catch let error as GitError where error.isLostRace {
                        continue
                    }
                    commitCounters.add(1, source: source)
                    return merged ? .merged(Revision(commit)) : .committed(Revision(commit))
                }
                throw StoreError.busy
            }
        }
    }

    /// The revision of a write that cannot conflict; `.unchanged` answers the current tip.
    private func commitRevision(_ outcome: WriteOutcome) throws -> Revision {
        if let revision = outcome.revision { return revision }
        guard let tip = try head() else { throw StoreError.invalidInput("nothing to commit on an empty wiki") }
        return tip
    }

    /// The upsert of `bytes` as a regular file at `path`.
    private func upsert(_ bytes: [UInt8], at path: String, in repo: GitRepository) throws -> [TreeUpdate] {
        [.upsert(path: path, blob: try repo.createBlob(bytes), mode: TreeUpdate.fileMode)]
    }

    /// The file at `path` in the editor's base commit; a base that is not a commit is `revisionNotFound`.
    private func baseFile(_ path: String, at base: ObjectID, in repo: GitRepository) throws -> (id: ObjectID, bytes: [UInt8])? {
        do {
            return try repo.fileBytes(at: path, inCommit: base)
        } catch let error as GitError where error.isNotFound {
            throw StoreError.revisionNotFound(base.description)
        }
    }

    /// Refuses to write a file at `path` when the tip has a folder, symlink or submodule there (writing would
    /// replace it), or a file where one of its parent folders should be (`a` is a file, so `a/b.md` cannot exist).
    private func checkPath(_ path: String, at tip: ObjectID?, in repo: GitRepository) throws {
        guard let tip else { return }
        if let existing = try repo.entry(at: path, inCommit: tip), !existing.isFile {
            throw StoreError.invalidPath(path, reason: "the path holds a folder or a link, not a file")
        }
        var folder = Substring(path)
        while let slash = folder.lastIndex(of: "/") {
            folder = folder[..<slash]
            if let entry = try repo.entry(at: String(folder), inCommit: tip), !entry.isTree {
                throw StoreError.invalidPath(path, reason: "\(folder) is a file, not a folder")
            }
        }
    }

    /// The longest commit message accepted, in UTF-8 bytes.
    static let maximumMessageBytes = 64 * 1024

    /// The message as committed: trailing whitespace trimmed, one final newline, `fallback` when empty.
    static func commitMessage(_ message: String, default fallback: String) throws -> String {
        if message.utf8.contains(0) { throw StoreError.invalidInput("the commit message contains a NUL byte") }
        if message.utf8.count > maximumMessageBytes {
            throw StoreError.invalidInput("the commit message is longer than \(maximumMessageBytes) bytes")
        }
        var text = Substring(message)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return (text.isEmpty ? fallback : String(text)) + "\n"
    }
}
