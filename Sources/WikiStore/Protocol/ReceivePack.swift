/// The server side of `git push` over a stateless transport: index and verify the pack in quarantine, decide
/// each command, then publish the pack and move refs under the wiki's writer lock (git-on-libgit2.md §3).
struct ReceivePack {
    /// A borrowed repository handle, used by one thread for the whole request.
    let repository: GitRepository
    /// The repository directory (the quarantine lives below it).
    let repositoryPath: String
    /// The writer lock shared with web edits.
    let writer: WriterLock
    /// What this pusher may change, and who they are.
    let permissions: PushPermissions
    /// The committer of review records (the daemon).
    let identity: Person
    /// Prepended to `/proposals/<id>` in the message the client prints (e.g. `https://wiki.example.org`).
    let linkPrefix: String

    /// What was decided for one command.
    enum Verdict: Equatable, Sendable {
        /// Refused, with the reason git prints as `! [remote rejected] … (<reason>)`.
        case refused(String)
        /// Fast-forward main from `old` (nil: create it) to `new`.
        case updateMain(old: ObjectID?, new: ObjectID)
        /// Open a proposal at `new`, or update the one `-o proposal=<id>` (or the topic) names.
        case propose(topic: String?, proposal: Int?, new: ObjectID)
        /// Done: the ref that actually moved (for `option refname`), its old and new values.
        case updated(PushResult.Update)
    }

    /// Answers one POST body; a malformed command section is `StoreError.invalidInput` (nothing written).
    func respond(to body: [UInt8], write: ([UInt8]) throws -> Void) throws -> PushResult {
        let request: ReceivePackRequest
        do { request = try ReceivePackRequest.parse(body) } catch { throw StoreError.invalidInput("git-receive-pack: \(error)") }
        // A body of only a flush is the probe before a large chunked push: answer nothing (§2.1).
        guard !request.commands.isEmpty else { return PushResult() }
        let refusals = request.commands.compactMap { policyRefusal($0, options: request.pushOptions) }
        if refusals.count == request.commands.count {
            try writeReport(request, unpack: nil, verdicts: refusals.map(Verdict.refused), messages: [], write: write)
            return PushResult()
        }
        let quarantine = try GitQuarantine(repositoryPath: repositoryPath)
        var messages: [String] = []
        var verdicts: [Verdict]
        var result = PushResult()
        do {
            if !request.pack.isEmpty || request.commands.contains(where: { $0.new != nil }) {
                try quarantine.index(request.pack, repository: repository)
            }
        } catch {
            let reason = ReceivePack.unpackReason(error)
            try writeReport(request, unpack: reason, verdicts: request.commands.map { _ in .refused("unpacker error") },
                            messages: [], write: write)
            return result
        }
        (verdicts, messages, result) = try writer.withLock {
            var verdicts = try request.commands.map { try decide($0, options: request.pushOptions, in: quarantine) }
            var messages: [String] = [], result = PushResult()
            guard verdicts.contains(where: { if case .refused = $0 { false } else { true } }) else { return (verdicts, messages, result) }
            try quarantine.publish(into: repository)
            for index in verdicts.indices {
                verdicts[index] = try apply(verdicts[index], options: request.pushOptions, messages: &messages, result: &result)
            }
            return (verdicts, messages, result)
        }
        try writeReport(request, unpack: nil, verdicts: verdicts, messages: messages, write: write)
        return result
    }

    /// The refusal a command earns whatever the pack holds (a delete, another ref, no permission, a bad topic),
    /// or nil. Checked before indexing: a push that can only be refused costs no pack work (§3.4).
    private func policyRefusal(_ command: ReceivePackRequest.Command, options: [String]) -> String? {
        guard command.new != nil else { return "deleting refs is not allowed" }
        if let proposal = ReceivePack.proposalTopic(ref: command.ref, options: options) {
            guard permissions.mayPropose else { return "permission denied: you may not propose changes" }
            guard case .valid = proposal else { return "a topic is 1-64 letters, digits, '.', '_' or '-'" }
            return nil
        }
        guard command.ref == GitRepository.mainBranch else {
            return command.ref.hasPrefix("refs/for/") ? "proposals go to refs/for/main" : "only refs/heads/main and refs/for/main accept pushes"
        }
        guard permissions.mayUpdateMain else {
            return "permission denied: only maintainers may push to main; push to refs/for/main to propose"
        }
        return nil
    }

    /// Decides one command against the current refs, looking objects up through the quarantine view.
    private func decide(_ command: ReceivePackRequest.Command, options: [String], in quarantine: GitQuarantine) throws -> Verdict {
        if let refusal = policyRefusal(command, options: options) { return .refused(refusal) }
        guard let new = command.new else { return .refused("deleting refs is not allowed") }
        guard let kind = try quarantine.objectType(new) else { return .refused("missing object \(new)") }
        guard kind == .commit else { return .refused("\(new) is not a commit") }
        let tip = try repository.branchTip()
        if case .valid(let topic)? = ReceivePack.proposalTopic(ref: command.ref, options: options) {
            if let tip, try quarantine.isAncestor(new, of: tip) { return .refused("no new commits: \(new) is already on main") }
            switch try proposalTarget(options) {
            case .refused(let reason): return .refused(reason)
            case .proposal(let id): return .propose(topic: topic, proposal: id, new: new)
            case .none: return .propose(topic: topic, proposal: nil, new: new)
            }
        }
        // The client's old value must still be main's value: a web edit may have landed since its fetch.
        guard command.old == tip else { return .refused("fetch first") }
        if let tip, try !quarantine.isAncestor(tip, of: new) { return .refused("non-fast-forward") }
        return .updateMain(old: tip, new: new)
    }

    /// Carries out an accepted verdict; a lost compare-and-swap turns into `fetch first`.
    private func apply(_ verdict: Verdict, options: [String], messages: inout [String], result: inout PushResult) throws -> Verdict {
        switch verdict {
        case .refused, .updated: return verdict
        case .updateMain(let old, let new):
            do {
                try repository.moveMain(to: new, expecting: old, logMessage: "opswiki: push")
            } catch {
                // moveMain throws only GitError; a lost race means a web edit moved main after `decide`.
                if error.isLostRace { return .refused("fetch first") }
                throw error
            }
            let update = PushResult.Update(ref: GitRepository.mainBranch, old: old, new: new)
            result.updates.append(update)
            return .updated(update)
        case .propose(let topic, let proposal, let new):
            let (id, update) = try storeProposal(new, topic: topic, proposal: proposal, options: options)
            result.updates.append(update)
            result.proposals.append(id)
            let verb = update.old == nil ? "opened" : "updated"
            messages.append("proposal \(id) \(verb): \(linkPrefix)/proposals/\(id)" + (topic.map { " (topic=\($0))" } ?? ""))
            return .updated(update)
        }
    }

    /// The `unpack <reason>` text for a pack that failed: one line, no control characters.
    static func unpackReason(_ error: any Error) -> String {
        let text: String
        switch error {
        case StoreError.invalidInput(let message): text = message
        case StoreError.repository(let cause): text = cause.message
        case let cause as GitError: text = cause.message
        default: text = "\(error)"
        }
        return String(text.unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) }.prefix(200))
    }
}
