/// `git push … HEAD:refs/for/main` (AGit/Gerrit style, git-on-libgit2.md §3.3): the pushed commits become a
/// proposal stored at `refs/proposals/<id>/head`; a topic (`refs/for/main%topic=<t>` or `-o topic=<t>`)
/// names the proposal so that the same pusher's later push with that topic updates it (while it is open) instead
/// of opening another; `-o proposal=<id>` updates that proposal (its proposer or a maintainer). The topic is recorded as the marker ref `refs/proposals/<id>/topic/<t>`, and every push
/// also writes the review record (`ProposalStore`).
extension ReceivePack {
    /// The topic parsed from a `refs/for/main` push.
    enum ProposalTopic: Equatable {
        /// No topic, or a well-formed one.
        case valid(String?)
        /// A topic with characters that could not be part of a ref name safely.
        case invalid
    }

    /// The topic of a push to `refs/for/main` (the `%topic=` ref option wins over `-o topic=`), or nil when
    /// `ref` is not `refs/for/main`.
    static func proposalTopic(ref: String, options: [String]) -> ProposalTopic? {
        let target = "refs/for/main"
        guard ref == target || ref.hasPrefix(target + "%") else { return nil }
        // AGit: options after '%' are comma-separated key=value pairs.
        let refOptions = ref.dropFirst(target.count).dropFirst().split(separator: ",").map(String.init)
        let topic = (refOptions + options.reversed()).first { $0.hasPrefix("topic=") }.map { String($0.dropFirst(6)) }
        guard let topic else { return .valid(nil) }
        let allowed = topic.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-")
        }
        guard allowed, (1...64).contains(topic.utf8.count), !topic.hasPrefix("."), !topic.contains("..") else { return .invalid }
        return .valid(topic)
    }

    /// Points the pusher's open proposal with this topic (or a new one) at `new`, with its review record: the
    /// proposer is the pusher, the title `-o title=…` or the first commit's subject, the description
    /// `-o description=…`. Returns its id and the head ref's update. Runs under the writer lock.
    func storeProposal(_ new: ObjectID, topic: String?, proposal: Int?, options: [String]) throws -> (Int, PushResult.Update) {
        let store = ProposalStore(repository: repository, committer: identity)
        let pusher = try permissions.pusher ?? authorOfFirstCommit(new)
        for _ in 0..<3 {
            do {
                if let id = try proposal ?? topic.flatMap({ try store.openProposal(topic: $0, login: pusher.login) }) {
                    let old = try repository.referenceID(ProposalStore.headRef(id))
                    _ = try store.update(id, head: new, by: pusher)
                    return (id, PushResult.Update(ref: ProposalStore.headRef(id), old: old, new: new))
                }
                let proposal = try store.open(head: new, title: Self.option("title", in: options),
                                              description: Self.option("description", in: options) ?? "",
                                              proposer: pusher, topic: topic)
                return (proposal.id, PushResult.Update(ref: ProposalStore.headRef(proposal.id), old: nil, new: new))
            } catch let error as GitError where error.isLostRace {
                // Another process moved a proposal ref between the read and the transaction: decide again.
                continue
            }
        }
        throw StoreError.busy
    }

    /// Which proposal a push updates by number (`-o proposal=<id>`).
    enum ProposalTarget: Equatable {
        /// None named: the topic decides, or a new proposal opens.
        case none
        /// This open proposal, which the pusher may update.
        case proposal(Int)
        /// Named, but missing, closed, merged or someone else's.
        case refused(String)
    }

    /// Checks `-o proposal=<id>`: the proposal must exist and be open, and the pusher must be its proposer or
    /// allowed to push to main (a maintainer).
    func proposalTarget(_ options: [String]) throws -> ProposalTarget {
        guard let text = Self.option("proposal", in: options) else { return .none }
        guard let id = Int(text), id > 0 else { return .refused("proposal=\(text.prefix(20)) is not a proposal number") }
        guard let (proposal, _) = try ProposalStore(repository: repository, committer: identity).load(id) else {
            return .refused("there is no proposal \(id)")
        }
        guard proposal.state == .open else { return .refused("proposal \(id) is \(proposal.state.rawValue)") }
        let login = permissions.pusher?.login ?? ""
        guard permissions.mayUpdateMain || proposal.proposer.login == login else {
            return .refused("proposal \(id) was opened by \(proposal.proposer.name); only they or a maintainer may update it")
        }
        return .proposal(id)
    }

    /// The last `-o <name>=<value>` push option's value, or nil.
    static func option(_ name: String, in options: [String]) -> String? {
        options.last { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
    }

    /// The author of the oldest commit `new` adds to main, as the proposer of a push without an identity.
    private func authorOfFirstCommit(_ new: ObjectID) throws -> Participant {
        let base = try repository.branchTip().flatMap { try repository.mergeBase($0, new) }
        let first = try repository.commit(try repository.commitsOldestFirst(from: new, hiding: base, limit: 1).first ?? new)
        return Participant(login: "", name: first.author.name, email: first.author.email)
    }

    /// The `<id>` of `refs/proposals/<id>/…`, or nil.
    static func proposalNumber(_ ref: String) -> Int? {
        let parts = ref.split(separator: "/")
        guard parts.count >= 3, parts[0] == "refs", parts[1] == "proposals" else { return nil }
        return Int(parts[2])
    }
}
