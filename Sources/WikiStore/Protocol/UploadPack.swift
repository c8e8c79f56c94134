/// The server side of `git fetch`/`git clone` over a stateless transport (smart HTTP): one request body
/// in, one response out through `write` (gitprotocol-pack, gitprotocol-v2, git-on-libgit2.md §2.3).
struct UploadPack {
    /// A borrowed repository handle, used by one thread for the whole request.
    let repository: GitRepository
    /// The refs as they are now (they may have moved since the client's advertisement).
    let advertisement: RefAdvertisement
    /// The full-clone pack cache, or nil to build every pack.
    let cache: PackCache?

    /// Reads the refs now.
    init(repository: GitRepository, cache: PackCache?) throws {
        self.repository = repository
        self.cache = cache
        advertisement = RefAdvertisement(refs: try repository.advertisedReferences(), headTarget: try repository.headTarget())
    }

    /// Answers one protocol v0 (or v1) POST: shallow lines, ACK/NAK, then the pack when the client sent
    /// `done` or the `no-done` shortcut applies (git-on-libgit2.md §2.3.6).
    func respondVersion0(to body: [UInt8], write: @escaping ([UInt8]) throws -> Void) throws {
        let request: FetchRequest
        do { request = try FetchRequest.parseVersion0(body) } catch { return try write(UploadPack.errorLine(error.description)) }
        guard !request.wants.isEmpty else { return }
        if let refused = try firstInvalidWant(request.wants) {
            return try write(UploadPack.errorLine("upload-pack: not our ref \(refused)"))
        }
        let shallow = try request.depth.map { try shallowCut(wants: request.wants, depth: $0, clientShallows: request.clientShallows) }
        if let shallow {
            // gitprotocol-pack: a deepening request is answered with shallow/unshallow lines and a flush, every round.
            try write(shallow.lines.flatMap { PktLine.encode(line: $0) } + PktLine.flush)
        }
        guard !request.endsAfterWants else { return }
        let detailed = request.capabilities.contains("multi_ack_detailed")
        let multiAck = detailed || request.capabilities.contains("multi_ack")
        var negotiation = try Negotiation(repository: repository, wants: request.wants)
        var gotCommon = false, gotOther = false, sentReady = false
        var out: [UInt8] = []
        for have in request.haves {
            if try negotiation.receive(have) {
                gotCommon = true
                if detailed { out += PktLine.encode(line: "ACK \(have) common") }
                else if multiAck { out += PktLine.encode(line: "ACK \(have) continue") }
                else if negotiation.common.count == 1 { out += PktLine.encode(line: "ACK \(have)") }
            } else {
                gotOther = true
                if multiAck, try negotiation.okToGiveUp() {
                    sentReady = sentReady || detailed
                    out += PktLine.encode(line: "ACK \(have) \(detailed ? "ready" : "continue")")
                }
            }
        }
        if !request.done {
            if detailed, gotCommon, !gotOther, try negotiation.okToGiveUp(), let last = negotiation.last {
                sentReady = true
                out += PktLine.encode(line: "ACK \(last) ready")
            }
            if negotiation.common.isEmpty || multiAck { out += PktLine.encode(line: "NAK") }
            // upload-pack.c: with no-done, a ready answer is followed by the final ACK and the pack at once.
            guard request.capabilities.contains("no-done"), sentReady, let last = negotiation.last else { return try write(out) }
            out += PktLine.encode(line: "ACK \(last)")
        } else if let last = negotiation.last {
            if multiAck { out += PktLine.encode(line: "ACK \(last)") }
        } else {
            out += PktLine.encode(line: "NAK")
        }
        try write(out)
        var output = SideBandWriter(multiplexed: request.multiplexed, showsProgress: request.showsProgress, write: write)
        try sendPack(request, common: negotiation.commonCommits, shallow: shallow, to: &output)
    }

    /// The first want that is neither an advertised tip (or peeled tip) nor a commit reachable from one, or nil.
    /// Refs may move between the advertisement and this POST, so reachability, not equality, is the test
    /// (allow-reachable-sha1-in-want; git-on-libgit2.md §2.3.5).
    func firstInvalidWant(_ wants: [ObjectID]) throws -> ObjectID? {
        let refs = advertisement.refs
        let tips = Set(refs.map(\.id) + refs.compactMap(\.peeled))
        var tipCommits: [ObjectID]?
        for want in wants where !tips.contains(want) {
            guard try repository.objectType(want) == .commit else { return want }
            if tipCommits == nil {
                tipCommits = try refs.compactMap { ref in try repository.objectType(ref.peeled ?? ref.id) == .commit ? ref.peeled ?? ref.id : nil }
            }
            if try !repository.isReachable(want, fromAny: tipCommits ?? []) { return want }
        }
        return nil
    }

    /// An `ERR` packet; the client prints `fatal: remote error: <message>`.
    static func errorLine(_ message: String) -> [UInt8] {
        PktLine.encode(line: "ERR \(message.prefix(1000))")
    }
}
