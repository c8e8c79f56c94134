import Foundation

/// Merging a proposal into main (maintainers; the HTTP layer checks the role).
extension Wiki {
    /// Merges open proposal `id` into main. `.merge` fast-forwards when main is an ancestor of the head and
    /// otherwise writes a merge commit (parents: main, head); either way the proposed commits keep their authors,
    /// and the maintainer is author and committer of the merge commit. `.rebase` fast-forwards too, and otherwise
    /// replays each commit on main (authors kept, the maintainer as committer). `.squash` writes one commit on main
    /// with the combined change, authored by the proposal's first author and committed by the maintainer.
    /// Overlapping changes are `.conflicts(files)` and change nothing. Main and the review record move together
    /// by compare-and-swap, so a concurrent push either lands before (and the merge is planned again) or after.
    public func mergeProposal(_ id: Int, by maintainer: Participant, strategy: MergeStrategy = .merge) throws -> ProposalMergeOutcome {
        try proposalWrite { store in
            let repo = store.repository
            guard let (proposal, _) = try store.load(id), let head = try repo.referenceID(ProposalStore.headRef(id)) else {
                throw StoreError.proposalNotFound(id)
            }
            guard proposal.state == .open else { throw StoreError.proposalNotOpen(id, proposal.state) }
            let tip = try repo.branchTip()
            let (commit, method): (ObjectID, Proposal.MergeMethod)
            switch try plan(proposal, head: head, tip: tip, strategy: strategy, maintainer: maintainer, in: repo) {
            case .conflicts(let files): return .conflicts(files)
            case .commit(let id, let how): (commit, method) = (id, how)
            }
            let moveMain = [ReferenceUpdate(name: GitRepository.mainBranch, new: commit, expected: tip)]
            _ = try store.change(id, actor: maintainer, message: "Merge proposal #\(id) (\(method.rawValue))", also: { _ in moveMain }) {
                guard $0.state == .open else { throw StoreError.proposalNotOpen(id, $0.state) }
                let now = ProposalStore.now()
                $0.state = .merged
                $0.timeline.append(.init(kind: .merged, actor: maintainer, date: now, commit: commit, method: method))
                $0.decision = .init(state: .merged, by: maintainer, date: now, commit: commit, method: method)
            }
            // Everything that reached main: the proposed commits (or the squash) and any merge commit.
            commitCounters.add(try repo.commitCount(from: tip, to: commit), source: .merge)
            return .merged(Revision(commit), method)
        }
    }

    /// What a merge would put on main.
    private enum MergePlan {
        case commit(ObjectID, Proposal.MergeMethod)
        case conflicts([String])
    }

    /// Makes (without moving any ref) the commit main should point at after merging `head`.
    private func plan(_ proposal: Proposal, head: ObjectID, tip: ObjectID?, strategy: MergeStrategy, maintainer: Participant,
                      in repo: GitRepository) throws -> MergePlan {
        let now = Date()
        let signature = Person(name: maintainer.person.name, email: maintainer.email, date: now)
        // Everything proposed is on main already (pushed there directly): record the merge, move nothing.
        if let tip, try repo.isAncestor(head, of: tip) { return .commit(tip, .fastForward) }
        let fastForward = try tip.map { try repo.isAncestor($0, of: head) } ?? true
        if fastForward && strategy != .squash { return .commit(head, .fastForward) }
        if strategy == .rebase, let tip { return try rebase(head, onto: tip, committer: signature, in: repo) }
        let tree: ObjectID
        if fastForward {
            tree = try repo.treeID(ofCommit: head)
        } else {
            guard let tip else { preconditionFailure("a missing main is always a fast-forward") }
            let merge = try repo.merge(tip, head, writeTree: true)
            guard merge.conflicts.isEmpty, let merged = merge.tree else { return .conflicts(merge.conflicts) }
            tree = merged
        }
        if strategy == .merge, let tip {
            let message = "Merge proposal #\(proposal.id): \(proposal.title)\n\nProposed by \(proposal.proposer.name)."
            return .commit(try repo.createCommit(tree: tree, parents: [tip, head], author: signature, committer: signature,
                                                 message: try Self.commitMessage(message, default: "Merge proposal")), .merge)
        }
        let commits = try repo.commitsOldestFirst(from: head, hiding: tip, limit: Self.maximumProposalCommits).map { try repo.commit($0) }
        guard let first = commits.first else { preconditionFailure("a head not on main has a commit main lacks") }
        let author = Person(name: first.author.name, email: first.author.email, date: now)
        return .commit(try repo.createCommit(tree: tree, parents: tip.map { [$0] } ?? [], author: author, committer: signature,
                                             message: try Self.squashMessage(proposal, commits: commits)), .squash)
    }

    /// The most commits a rebase replays.
    static let maximumRebaseCommits = 1000

    /// Replays the proposed commits on `tip` one by one as `git rebase` does: each keeps its author (date and zone
    /// included) and message, the maintainer is the committer, and a commit that main already contains is dropped.
    private func rebase(_ head: ObjectID, onto tip: ObjectID, committer: Person, in repo: GitRepository) throws -> MergePlan {
        let ids = try repo.commitsOldestFirst(from: head, hiding: tip, limit: Self.maximumRebaseCommits + 1)
        guard ids.count <= Self.maximumRebaseCommits else {
            throw StoreError.invalidInput("the proposal has more than \(Self.maximumRebaseCommits) commits to replay: merge or squash it")
        }
        var current = tip
        for id in ids {
            let commit = try repo.commit(id)
            guard commit.parents.count == 1 else {
                throw StoreError.invalidInput("commit \(commit.revision.shortID) is a merge commit, which cannot be replayed: merge or squash the proposal")
            }
            let pick = try repo.cherryPick(id, onto: current)
            guard pick.conflicts.isEmpty, let tree = pick.tree else { return .conflicts(pick.conflicts) }
            if try tree == repo.treeID(ofCommit: current) { continue }
            current = try repo.createCommit(tree: tree, parents: [current], author: commit.author,
                                            authorTimeZoneOffset: try repo.authorTimeZoneOffset(of: id), committer: committer,
                                            message: commit.message)
        }
        return .commit(current, .rebase)
    }

    /// The squash commit's message: the title, the description, the commits it replaces, and a `Co-authored-by`
    /// trailer for every other author (the convention GitHub and GitLab read).
    private static func squashMessage(_ proposal: Proposal, commits: [Commit]) throws -> String {
        var text = proposal.title + "\n\n"
        if !proposal.description.isEmpty { text += proposal.description + "\n\n" }
        text += "Squashed from proposal #\(proposal.id):\n"
        for commit in commits { text += "* \(commit.summary) (\(commit.author.name))\n" }
        var seen: Set<String> = [commits.first?.author.email ?? ""]
        let others = commits.map(\.author).filter { seen.insert($0.email).inserted }
        if !others.isEmpty { text += "\n" + others.map { "Co-authored-by: \($0.name) <\($0.email)>" }.joined(separator: "\n") }
        return try commitMessage(text, default: proposal.title)
    }
}
