import Foundation

/// Reads and writes proposals in the repository: the proposed commits at `refs/proposals/<id>/head`, the review
/// record as a chain of commits of a one-file tree (`proposal.json`) at `refs/proposals/<id>/review`, and a
/// topic marker `refs/proposals/<id>/topic/<t>` for push topics. Writers hold the wiki's writer lock; every
/// write moves its refs in one transaction, compare-and-swap against the values read.
struct ProposalStore {
    /// A borrowed handle, used by one thread for the whole operation.
    let repository: GitRepository
    /// The committer of review commits (the daemon); the author is the participant who acted.
    let committer: Person

    /// The file of the review tree.
    static let recordFile = "proposal.json"
    /// A record larger than this is refused when read (a parser limit: the JSON is loaded whole).
    static let maximumRecordBytes = 16 << 20
    /// The longest title kept, in characters (longer ones are cut).
    static let maximumTitleLength = 200
    /// The longest description or comment, in UTF-8 bytes.
    static let maximumTextBytes = 64 * 1024
    /// The most comments one proposal takes.
    static let maximumComments = 1000

    /// `refs/proposals/<id>/head`.
    static func headRef(_ id: Int) -> String { "refs/proposals/\(id)/head" }
    /// `refs/proposals/<id>/review`.
    static func reviewRef(_ id: Int) -> String { "refs/proposals/\(id)/review" }

    /// Every proposal id that has a head, ascending.
    func ids() throws -> [Int] {
        // libgit2's ref glob lets `*` match `/`, so topic markers match too: collect the ids as a set.
        let names = try repository.referenceNames(matching: "refs/proposals/*/head")
        return Set(names.compactMap(ReceivePack.proposalNumber)).sorted()
    }

    /// The record of proposal `id` and the review commit it was read from; nil when there is no such proposal.
    /// A proposal pushed before review records existed gets a record made up from its commits (review nil).
    func load(_ id: Int) throws -> (proposal: Proposal, review: ObjectID?)? {
        guard let head = try repository.referenceID(Self.headRef(id)) else { return nil }
        guard let review = try repository.referenceID(Self.reviewRef(id)) else {
            return (try synthesized(id, head: head), nil)
        }
        guard let file = try repository.fileBytes(at: Self.recordFile, inCommit: review) else {
            throw StoreError.invalidInput("proposal \(id): the review record has no \(Self.recordFile)")
        }
        return (try Self.decode(file.bytes, id: id), review)
    }

    /// The newest open proposal of `login` carrying push topic `topic`, or nil.
    func openProposal(topic: String, login: String) throws -> Int? {
        let marked = try repository.referenceNames(matching: "refs/proposals/*/topic/\(topic)").compactMap(ReceivePack.proposalNumber)
        for id in Set(marked).sorted(by: >) {
            guard let (proposal, _) = try load(id) else { continue }
            if proposal.state == .open && proposal.proposer.login == login { return id }
        }
        return nil
    }

    /// Opens a proposal at `head` under the next free id: head ref, first review commit and topic marker in one
    /// transaction. A concurrent process taking the same id is retried with the next one.
    func open(head: ObjectID, title: String?, description: String, proposer: Participant, topic: String?) throws -> Proposal {
        let tip = try repository.branchTip()
        let base = try tip.flatMap { try repository.mergeBase($0, head) }
        let commits = try repository.commitsOldestFirst(from: head, hiding: base, limit: 1)
        let subject = try commits.first.map { try repository.commit($0).summary } ?? ""
        let now = Self.now()
        for _ in 0..<3 {
            let id = (try repository.referenceNames(matching: "refs/proposals/*").compactMap(ReceivePack.proposalNumber).max() ?? 0) + 1
            let proposal = Proposal(
                id: id, title: Self.title(title ?? subject, id: id), description: try Self.text(description, "description"),
                proposer: proposer, state: .open, base: base, head: head, topic: topic, created: now, updated: now,
                comments: [], timeline: [.init(kind: .opened, actor: proposer, date: now, commit: head, method: nil)], decision: nil)
            let review = try recordCommit(proposal, parent: nil, author: proposer, message: "Open proposal #\(id): \(proposal.title)")
            var updates = [ReferenceUpdate(name: Self.headRef(id), new: head, expected: nil),
                           ReferenceUpdate(name: Self.reviewRef(id), new: review, expected: nil)]
            if let topic { updates.append(ReferenceUpdate(name: "refs/proposals/\(id)/topic/\(topic)", new: head, expected: nil)) }
            do {
                try repository.updateReferences(updates, logMessage: "opswiki: open proposal")
            } catch let error as GitError where error.isLostRace {
                continue
            }
            return proposal
        }
        throw StoreError.busy
    }

    /// Changes the record of proposal `id` with `edit` and appends it as a review commit by `actor`, moving the
    /// review ref together with `also(proposal)` (e.g. main for a merge, the head for an update) in one transaction.
    func change(_ id: Int, actor: Participant, message: String, also: (Proposal) throws -> [ReferenceUpdate] = { _ in [] },
                _ edit: (inout Proposal) throws -> Void) throws -> Proposal {
        guard let (current, review) = try load(id) else { throw StoreError.proposalNotFound(id) }
        var proposal = current
        try edit(&proposal)
        proposal.updated = Self.now()
        let commit = try recordCommit(proposal, parent: review, author: actor, message: message)
        let updates = [ReferenceUpdate(name: Self.reviewRef(id), new: commit, expected: review)] + (try also(proposal))
        try repository.updateReferences(updates, logMessage: "opswiki: proposal #\(id)")
        return proposal
    }

    /// Points open proposal `id` at `head`, recomputing its base against main, and records the update.
    func update(_ id: Int, head: ObjectID, by actor: Participant) throws -> Proposal {
        let old = try repository.referenceID(Self.headRef(id))
        let base = try repository.branchTip().flatMap { try repository.mergeBase($0, head) }
        let moveHead = [ReferenceUpdate(name: Self.headRef(id), new: head, expected: old)]
        return try change(id, actor: actor, message: "Update proposal #\(id)", also: { _ in moveHead }) { proposal in
            guard proposal.state == .open else { throw StoreError.proposalNotOpen(id, proposal.state) }
            proposal.head = head
            proposal.base = base
            proposal.timeline.append(.init(kind: .updated, actor: actor, date: Self.now(), commit: head, method: nil))
        }
    }

    /// Writes the record as a commit on top of `parent` (nil: the first one); moves no ref.
    private func recordCommit(_ proposal: Proposal, parent: ObjectID?, author: Participant, message: String) throws -> ObjectID {
        let blob = try repository.createBlob(try Self.encode(proposal))
        let tree = try repository.updatedTree(ofCommit: nil, applying: [.upsert(path: Self.recordFile, blob: blob, mode: TreeUpdate.fileMode)])
        let now = Date()
        return try repository.createCommit(tree: tree, parents: parent.map { [$0] } ?? [],
                                           author: Person(name: author.person.name, email: author.email, date: now),
                                           committer: Person(name: committer.name, email: committer.email, date: now),
                                           message: try Wiki.commitMessage(message, default: "Proposal #\(proposal.id)"))
    }

    /// A record for a proposal pushed before review records existed: proposer and title from its first commit.
    private func synthesized(_ id: Int, head: ObjectID) throws -> Proposal {
        let tip = try repository.branchTip()
        let base = try tip.flatMap { try repository.mergeBase($0, head) }
        let first = try repository.commit(try repository.commitsOldestFirst(from: head, hiding: base, limit: 1).first ?? head)
        let proposer = Participant(login: "", name: first.author.name, email: first.author.email)
        let date = first.committer.date
        let merged = try tip.map { try repository.isAncestor(head, of: $0) } ?? false
        return Proposal(id: id, title: Self.title(first.summary, id: id), description: "", proposer: proposer,
                        state: merged ? .merged : .open, base: base, head: head, topic: nil, created: date, updated: date,
                        comments: [], timeline: [.init(kind: .opened, actor: proposer, date: date, commit: head, method: nil)],
                        decision: nil)
    }
}

extension ProposalStore {
    /// Now, to the second: the JSON keeps whole seconds, so a record reads back equal to what was written.
    static func now() -> Date { Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)) }

    /// A title on one line (control characters become spaces), cut to `maximumTitleLength`; "Proposal #<id>" when empty.
    static func title(_ text: String, id: Int) -> String {
        let scalars = text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) }
        let line = String(scalars).trimmingCharacters(in: .whitespaces)
        return line.isEmpty ? "Proposal #\(id)" : String(line.prefix(maximumTitleLength))
    }

    /// `text` trimmed, refused when longer than `maximumTextBytes` or holding a NUL byte.
    static func text(_ text: String, _ what: String) throws -> String {
        guard text.utf8.count <= maximumTextBytes else {
            throw StoreError.invalidInput("the \(what) is longer than \(maximumTextBytes / 1024) KiB")
        }
        guard !text.utf8.contains(0) else { throw StoreError.invalidInput("the \(what) contains a NUL byte") }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The stored JSON: sorted keys and one field per line, so the review history diffs well in git.
    static func encode(_ proposal: Proposal) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return Array(try encoder.encode(proposal)) + [UInt8(ascii: "\n")]
    }

    /// Parses a stored record; anything malformed or oversized is `invalidInput` naming the proposal.
    static func decode(_ bytes: [UInt8], id: Int) throws -> Proposal {
        guard bytes.count <= maximumRecordBytes else {
            throw StoreError.invalidInput("proposal \(id): the review record is larger than \(maximumRecordBytes >> 20) MiB")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(Proposal.self, from: Data(bytes))
        } catch {
            throw StoreError.invalidInput("proposal \(id): the review record cannot be read: \(error)")
        }
    }
}
