import Foundation

/// Proposals: changes from anyone, reviewed in the open (issue #8). Reading them, opening them, the
/// conversation and closing; merging is in `Wiki+ProposalMerge.swift`. Every write holds the writer lock and
/// moves its refs in one compare-and-swap transaction, so it lands whole or not at all.
extension Wiki {
    /// The most proposed commits one proposal shows.
    public static let maximumProposalCommits = 250
    /// The most changed pages previewed on one proposal.
    public static let maximumProposalPreviews = 20

    /// Every proposal (or those in `state`), newest first. Records that cannot be read are left out.
    public func proposals(state: Proposal.State? = nil) throws -> [Proposal] {
        try withRepository { repo in
            let store = ProposalStore(repository: repo, committer: identity)
            return try store.ids().reversed().compactMap { id in
                guard let proposal = try? store.load(id)?.proposal else { return nil }
                return state == nil || proposal.state == state ? proposal : nil
            }
        }
    }

    /// Proposal `id` with its commits, combined diff, mergeability and previews; `proposalNotFound` when absent.
    public func proposal(_ id: Int) throws -> ProposalDetails {
        try withRepository { repo in
            let store = ProposalStore(repository: repo, committer: identity)
            guard let (proposal, _) = try store.load(id), let head = try repo.referenceID(ProposalStore.headRef(id)) else {
                throw StoreError.proposalNotFound(id)
            }
            let commits = try repo.commitsOldestFirst(from: head, hiding: proposal.base, limit: Self.maximumProposalCommits)
                .map { try repo.commit($0) }
            let files = try repo.fileDiffs(from: proposal.base, to: head) { _ in true }
            let mergeability = proposal.state == .open ? try self.mergeability(head, in: repo) : nil
            let previews = try self.previews(files, head: head, mergeability: mergeability, in: repo)
            return ProposalDetails(proposal: proposal, head: head, commits: commits, diff: Diff(files: files),
                                   mergeability: mergeability, previews: previews)
        }
    }

    /// Opens a proposal of the commits from main's merge base to `head` (a commit already in the repository, e.g.
    /// made by `applyPatches`). The title defaults to the first commit's subject.
    public func openProposal(head: ObjectID, title: String? = nil, description: String = "", proposer: Participant) throws -> Proposal {
        try proposalWrite { store in
            try Self.checkProposable(head, in: store.repository)
            return try store.open(head: head, title: title, description: description, proposer: proposer, topic: nil)
        }
    }

    /// The browser's "Propose this change": the edit becomes one commit on the revision the editor loaded (the
    /// tip for a new page) and a new proposal, instead of a commit on main. Identical text is `invalidInput`.
    public func proposeEdit(_ edit: PageEdit, proposer: Participant, title: String? = nil, description: String = "") throws -> Proposal {
        let message = try Self.commitMessage(edit.message, default: "Update \(edit.name)")
        return try proposalWrite { store in
            let repo = store.repository
            guard let base = try edit.base?.id ?? repo.branchTip() else {
                throw StoreError.invalidInput("the wiki is empty: there is nothing to propose a change to")
            }
            guard try repo.objectType(base) == .commit else { throw StoreError.revisionNotFound(base.description) }
            if let existing = try repo.entry(at: edit.name.fileName, inCommit: base), !existing.isFile {
                throw StoreError.invalidPath(edit.name.fileName, reason: "the path holds a folder or a link, not a file")
            }
            if try repo.fileBytes(at: edit.name.fileName, inCommit: base)?.bytes == edit.content {
                throw StoreError.invalidInput("the text is unchanged: there is nothing to propose")
            }
            let blob = try repo.createBlob(edit.content)
            let tree = try repo.updatedTree(ofCommit: base, applying: [.upsert(path: edit.name.fileName, blob: blob, mode: TreeUpdate.fileMode)])
            let committer = Person(name: identity.name, email: identity.email, date: Date())
            let commit = try repo.createCommit(tree: tree, parents: [base], author: edit.author, committer: committer, message: message)
            return try store.open(head: commit, title: title, description: description, proposer: proposer, topic: nil)
        }
    }

    /// Adds a comment (Markdown) to proposal `id`, in any state.
    public func comment(on id: Int, by author: Participant, body: String) throws -> Proposal {
        let text = try ProposalStore.text(body, "comment")
        guard !text.isEmpty else { throw StoreError.invalidInput("the comment is empty") }
        return try proposalWrite { store in
            try store.change(id, actor: author, message: "Comment on proposal #\(id)") { proposal in
                guard proposal.comments.count < ProposalStore.maximumComments else {
                    throw StoreError.invalidInput("proposal \(id) has \(ProposalStore.maximumComments) comments, the most it takes")
                }
                proposal.comments.append(.init(author: author, date: ProposalStore.now(), body: text))
            }
        }
    }

    /// Closes open proposal `id` without merging, with an optional closing comment. Who may close is the caller's
    /// decision (the HTTP layer allows maintainers and the proposer).
    public func closeProposal(_ id: Int, by actor: Participant, comment: String = "") throws -> Proposal {
        let text = try ProposalStore.text(comment, "comment")
        return try proposalWrite { store in
            try store.change(id, actor: actor, message: "Close proposal #\(id)") { proposal in
                guard proposal.state == .open else { throw StoreError.proposalNotOpen(id, proposal.state) }
                let now = ProposalStore.now()
                if !text.isEmpty { proposal.comments.append(.init(author: actor, date: now, body: text)) }
                proposal.state = .closed
                proposal.timeline.append(.init(kind: .closed, actor: actor, date: now, commit: nil, method: nil))
                proposal.decision = .init(state: .closed, by: actor, date: now, commit: nil, method: nil)
            }
        }
    }

    /// Points open proposal `id` at `head` (new or rewritten commits), recomputing its base against main.
    public func updateProposal(_ id: Int, head: ObjectID, by actor: Participant) throws -> Proposal {
        try proposalWrite { store in
            try Self.checkProposable(head, in: store.repository)
            return try store.update(id, head: head, by: actor)
        }
    }

    /// Runs a proposal write under the writer lock; a ref transaction lost to another process is retried twice.
    func proposalWrite<R: Sendable>(_ body: (ProposalStore) throws -> R) throws -> R {
        defer { noteRefsMayHaveMoved() }
        return try writer.withLock {
            try withRepository { repo in
                for _ in 0..<3 {
                    do {
                        return try body(ProposalStore(repository: repo, committer: identity))
                    } catch let error as GitError where error.isLostRace {
                        continue
                    }
                }
                throw StoreError.busy
            }
        }
    }

    /// Refuses a head that is not a commit or whose commits are all on main already.
    static func checkProposable(_ head: ObjectID, in repo: GitRepository) throws {
        guard try repo.objectType(head) == .commit else { throw StoreError.revisionNotFound(head.description) }
        if let tip = try repo.branchTip(), try repo.isAncestor(head, of: tip) {
            throw StoreError.invalidInput("no new commits: \(head) is already on main")
        }
    }

    /// How `head` would merge into main now.
    func mergeability(_ head: ObjectID, in repo: GitRepository) throws -> Mergeability {
        guard let tip = try repo.branchTip() else { return .fastForward }
        if try repo.isAncestor(head, of: tip) { return .upToDate }
        if try repo.isAncestor(tip, of: head) { return .fastForward }
        let merge = try repo.merge(tip, head, writeTree: false)
        return merge.conflicts.isEmpty ? .clean : .conflicts(merge.conflicts)
    }

    /// The changed pages that exist after the change, as they would read merged into main (at the head when the
    /// merge conflicts or the proposal is no longer open).
    private func previews(_ files: [FileDiff], head: ObjectID, mergeability: Mergeability?, in repo: GitRepository) throws -> [PreviewPage] {
        let names = files.compactMap { $0.newPath.flatMap { try? PageName(filePath: $0) } }.prefix(Self.maximumProposalPreviews)
        var merged: [String: ObjectID] = [:]
        if mergeability == .clean, let tip = try repo.branchTip() {
            merged = try repo.merge(tip, head, writeTree: false, reading: names.map(\.fileName)).blobs
        }
        return try names.compactMap { name in
            // A clean merge reads from the merged index; otherwise the head shows what the proposal wants.
            let blob = mergeability == .clean ? merged[name.fileName] : try repo.entry(at: name.fileName, inCommit: head)?.id
            guard let blob else { return nil }
            return PreviewPage(name: name, bytes: try repo.blobBytes(blob), blobID: blob)
        }
    }
}
