/// `git push … HEAD:refs/for/main` (AGit/Gerrit style, git-on-libgit2.md §3.3): the pushed commits become a
/// proposal stored at `refs/proposals/<id>/head`; a topic (`refs/for/main%topic=<t>` or `-o topic=<t>`)
/// names the proposal so that a later push with the same topic updates it instead of opening another.
/// The topic is recorded as the marker ref `refs/proposals/<id>/topic/<t>`.
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

    /// Points the topic's proposal (or a new one) at `new`; returns its id and the ref update.
    /// Runs under the writer lock; a concurrent process creating the same id is retried with the next one.
    func storeProposal(_ new: ObjectID, topic: String?) throws -> (Int, PushResult.Update) {
        if let topic, let id = try proposalID(topic: topic) {
            let ref = "refs/proposals/\(id)/head"
            let old = try repository.referenceID(ref)
            try repository.setReference(ref, to: new, expecting: old, logMessage: "opswiki: push to refs/for/main")
            return (id, PushResult.Update(ref: ref, old: old, new: new))
        }
        for _ in 0..<3 {
            let id = try nextProposalID()
            let ref = "refs/proposals/\(id)/head"
            do {
                try repository.setReference(ref, to: new, expecting: nil, logMessage: "opswiki: push to refs/for/main")
            } catch let error as GitError where error.isLostRace {
                continue
            }
            if let topic {
                try repository.setReference("refs/proposals/\(id)/topic/\(topic)", to: new, expecting: nil,
                                            logMessage: "opswiki: proposal topic")
            }
            return (id, PushResult.Update(ref: ref, old: nil, new: new))
        }
        throw StoreError.busy
    }

    /// The newest proposal carrying `topic`, or nil.
    private func proposalID(topic: String) throws -> Int? {
        try repository.referenceNames(matching: "refs/proposals/*/topic/\(topic)").compactMap(ReceivePack.proposalNumber).max()
    }

    /// One more than the largest proposal id in use.
    private func nextProposalID() throws -> Int {
        (try repository.referenceNames(matching: "refs/proposals/*").compactMap(ReceivePack.proposalNumber).max() ?? 0) + 1
    }

    /// The `<id>` of `refs/proposals/<id>/…`, or nil.
    static func proposalNumber(_ ref: String) -> Int? {
        let parts = ref.split(separator: "/")
        guard parts.count >= 3, parts[0] == "refs", parts[1] == "proposals" else { return nil }
        return Int(parts[2])
    }
}
