import Testing
@testable import WikiStore

/// The request decoders of both services, and their limits.
@Suite("Protocol request parsing")
struct RequestParsingTests {
    private let id = String(repeating: "a", count: 40)
    private let other = String(repeating: "b", count: 40)

    /// Pkt-lines for `lines`, nil standing for a flush.
    private func body(_ lines: [String?]) -> [UInt8] { lines.flatMap { $0.map(PktLine.encode(line:)) ?? PktLine.flush } }

    @Test("A v0 fetch request: capabilities from the first want, wants deduplicated, haves, deepen, done")
    func fetchVersion0() throws {
        let request = try FetchRequest.parseVersion0(body(["want \(id) multi_ack_detailed side-band-64k include-tag", "want \(id)",
                                                           "want \(other)", "shallow \(other)", "deepen 3", nil, "have \(other)", "done"]))
        #expect(request.wants.map(\.description) == [id, other])
        #expect(request.haves.map(\.description) == [other])
        #expect(request.clientShallows.map(\.description) == [other])
        #expect(request.depth == 3 && request.done && !request.endsAfterWants)
        #expect(request.capabilities == ["multi_ack_detailed", "side-band-64k", "include-tag"])
        #expect(request.multiplexed && request.includesTags && request.showsProgress)
    }

    @Test("Fetch limits and unknown lines are errors", arguments: [
        ["want \(String(repeating: "a", count: 40))", "want \(String(repeating: "b", count: 40))", nil],
        ["want \(String(repeating: "a", count: 40))", "deepen 0", nil],
        ["want \(String(repeating: "a", count: 40))", "deepen-since 1700000000", nil],
        ["want \(String(repeating: "a", count: 40))", "filter blob:none", nil],
        ["want \(String(repeating: "a", count: 40))", nil, "want \(String(repeating: "b", count: 40))"],
    ])
    func fetchErrors(_ lines: [String?]) {
        var limits = FetchRequest.Limits()
        limits.wants = 1
        #expect(throws: ProtocolError.self) { try FetchRequest.parseVersion0(body(lines), limits: limits) }
    }

    @Test("A receive-pack request: commands, capabilities after NUL, push options, then the pack bytes")
    func receiveRequest() throws {
        let zero = String(repeating: "0", count: 40)
        let first = PktLine.encode(Array("\(zero) \(id) refs/for/main".utf8) + [0] + Array(" report-status-v2 push-options\n".utf8))
        let bytes = first + body(["\(id) \(other) refs/heads/main", nil, "topic=x", nil]) + Array("PACKdata".utf8)
        let request = try ReceivePackRequest.parse(bytes)
        #expect(request.commands == [ReceivePackRequest.Command(old: nil, new: ObjectID(hex: id), ref: "refs/for/main"),
                                     ReceivePackRequest.Command(old: ObjectID(hex: id), new: ObjectID(hex: other), ref: "refs/heads/main")])
        #expect(request.capabilities == ["report-status-v2", "push-options"])
        #expect(request.pushOptions == ["topic=x"])
        #expect(Array(request.pack) == Array("PACKdata".utf8))
    }

    @Test("Receive-pack limits and malformed commands are errors")
    func receiveErrors() {
        var limits = ReceivePackRequest.Limits()
        limits.commands = 1
        #expect(throws: ProtocolError.self) {
            try ReceivePackRequest.parse(body(["\(id) \(other) refs/heads/a", "\(id) \(other) refs/heads/b", nil]), limits: limits)
        }
        #expect(throws: ProtocolError.self) { try ReceivePackRequest.parse(body(["\(id) refs/heads/a", nil])) }
        let options = PktLine.encode(Array("\(id) \(other) refs/for/main".utf8) + [0] + Array(" push-options\n".utf8))
            + PktLine.flush + PktLine.encode(line: String(repeating: "o", count: 5000)) + PktLine.flush
        #expect(throws: ProtocolError.self) { try ReceivePackRequest.parse(options) }
    }

    @Test("Proposal topics come from the ref or the push options and are validated")
    func topics() {
        #expect(ReceivePack.proposalTopic(ref: "refs/for/main", options: []) == .valid(nil))
        #expect(ReceivePack.proposalTopic(ref: "refs/for/main", options: ["title=x", "topic=fix-1"]) == .valid("fix-1"))
        #expect(ReceivePack.proposalTopic(ref: "refs/for/main%topic=a.b,r=me", options: ["topic=c"]) == .valid("a.b"))
        #expect(ReceivePack.proposalTopic(ref: "refs/for/main%topic=a/b", options: []) == .invalid)
        #expect(ReceivePack.proposalTopic(ref: "refs/for/main", options: ["topic=" + String(repeating: "x", count: 65)]) == .invalid)
        #expect(ReceivePack.proposalTopic(ref: "refs/for/mainline", options: []) == nil)
        #expect(ReceivePack.proposalTopic(ref: "refs/heads/main", options: []) == nil)
    }
}
