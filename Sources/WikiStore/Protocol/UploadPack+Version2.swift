extension UploadPack {
    /// One protocol v2 command request: `command=<name>`, capability lines, a delimiter, arguments, a flush.
    struct CommandRequest: Equatable {
        /// `ls-refs` or `fetch`.
        let command: String
        /// Lines between the command and the delimiter (`agent=…`, `object-format=sha1`, `server-option=…`).
        let capabilities: [String]
        /// Lines after the delimiter.
        let arguments: [String]

        /// The most argument lines accepted (wants and haves are one line each).
        static let maximumArguments = 200_000

        /// Decodes `body`; nil for an empty body or a lone flush (the client closing the session).
        static func parse(_ body: [UInt8]) throws(ProtocolError) -> CommandRequest? {
            var reader = PktLineReader(body)
            guard let first = try reader.next() else {
                guard body.isEmpty else { throw ProtocolError("the request ends in the middle of a pkt-line") }
                return nil
            }
            if first == .flush { return nil }
            guard let line = first.line, line.hasPrefix("command=") else { throw ProtocolError("expected command=<name>") }
            var capabilities: [String] = [], arguments: [String] = [], inArguments = false
            while true {
                let packet = try reader.read()
                switch packet {
                case .flush: return CommandRequest(command: String(line.dropFirst(8)), capabilities: capabilities, arguments: arguments)
                case .delimiter where !inArguments: inArguments = true
                case .data:
                    guard let text = packet.line else { throw ProtocolError("a request line is not UTF-8") }
                    if inArguments { arguments.append(text) } else { capabilities.append(text) }
                    guard arguments.count + capabilities.count <= maximumArguments else { throw ProtocolError("too many request lines") }
                default: throw ProtocolError("unexpected special packet in a v2 request")
                }
            }
        }
    }

    /// Answers one protocol v2 POST (gitprotocol-v2: `ls-refs` and `fetch`; anything else is an `ERR`).
    func respondVersion2(to body: [UInt8], write: @escaping ([UInt8]) throws -> Void) throws {
        let request: CommandRequest
        do {
            guard let parsed = try CommandRequest.parse(body) else { return }
            request = parsed
        } catch { return try write(UploadPack.errorLine(error.description)) }
        switch request.command {
        case "ls-refs": try write(listRefs(request.arguments))
        case "fetch": try fetch(request.arguments, write: write)
        default: try write(UploadPack.errorLine("unknown command \(request.command.prefix(60).debugDescription)"))
        }
    }

    /// `ls-refs`: `<hex> <name>[ symref-target:<ref>][ peeled:<hex>]` per ref matching a `ref-prefix`
    /// (all refs without one), HEAD first; an unborn HEAD as `unborn HEAD symref-target:…` when asked.
    func listRefs(_ arguments: [String]) -> [UInt8] {
        var prefixes: [String] = [], symrefs = false, peel = false, unborn = false
        for argument in arguments {
            switch argument {
            case "symrefs": symrefs = true
            case "peel": peel = true
            case "unborn": unborn = true
            default:
                if argument.hasPrefix("ref-prefix ") { prefixes.append(String(argument.dropFirst(11))) }
                else { return UploadPack.errorLine("unexpected ls-refs argument \(argument.prefix(60).debugDescription)") }
            }
        }
        // git's ls-refs.c: past 10 prefixes, filtering is not worth it; send everything (the client filters too).
        if prefixes.count > 10 { prefixes = [] }
        func wanted(_ name: String) -> Bool { prefixes.isEmpty || prefixes.contains { name.hasPrefix($0) } }
        var out: [UInt8] = []
        if wanted("HEAD"), let target = advertisement.headTarget {
            let symref = symrefs ? " symref-target:\(target)" : ""
            if let id = advertisement.headID { out += PktLine.encode(line: "\(id) HEAD\(symref)") }
            else if unborn { out += PktLine.encode(line: "unborn HEAD\(symref)") }
        }
        for ref in advertisement.refs where wanted(ref.name) {
            let peeled = peel ? ref.peeled.map { " peeled:\($0)" } ?? "" : ""
            out += PktLine.encode(line: "\(ref.id) \(ref.name)\(peeled)")
        }
        return out + PktLine.flush
    }

    /// `fetch`: without `done`, an `acknowledgments` section (`NAK`, or one `ACK` per common have, then `ready`
    /// when the wants are covered); with `done` or `ready`, `shallow-info` (when deepening) and `packfile`
    /// (git-on-libgit2.md §2.3.7). v2 output is always side-band-64k.
    func fetch(_ arguments: [String], write: @escaping ([UInt8]) throws -> Void) throws {
        var request = FetchRequest()
        request.capabilities = ["side-band-64k"]
        do {
            for argument in arguments {
                switch argument {
                case "done": request.done = true
                case "thin-pack", "no-progress", "include-tag", "ofs-delta": request.capabilities.insert(argument)
                default: try request.add(line: argument, limits: FetchRequest.Limits())
                }
            }
        } catch { return try write(UploadPack.errorLine(error.description)) }
        guard !request.wants.isEmpty else { return try write(UploadPack.errorLine("fetch without a want")) }
        if let refused = try firstInvalidWant(request.wants) {
            return try write(UploadPack.errorLine("upload-pack: not our ref \(refused)"))
        }
        var negotiation = try Negotiation(repository: repository, wants: request.wants)
        for have in request.haves { _ = try negotiation.receive(have) }
        var out: [UInt8] = []
        if !request.done {
            out += PktLine.encode(line: "acknowledgments")
            if negotiation.common.isEmpty { out += PktLine.encode(line: "NAK") }
            for id in negotiation.common { out += PktLine.encode(line: "ACK \(id)") }
            guard try negotiation.okToGiveUp() else { return try write(out + PktLine.flush) }
            out += PktLine.encode(line: "ready") + PktLine.delimiter
        }
        let shallow = try request.depth.map { try shallowCut(wants: request.wants, depth: $0, clientShallows: request.clientShallows) }
        // upload-pack.c send_shallow_info: the section comes whenever the client deepens or is shallow, even empty.
        if shallow != nil || !request.clientShallows.isEmpty {
            out += PktLine.encode(line: "shallow-info")
            for line in shallow?.lines ?? [] { out += PktLine.encode(line: line) }
            out += PktLine.delimiter
        }
        try write(out + PktLine.encode(line: "packfile"))
        var output = SideBandWriter(multiplexed: true, showsProgress: request.showsProgress, write: write)
        try sendPack(request, common: negotiation.commonCommits, shallow: shallow, to: &output)
    }
}
