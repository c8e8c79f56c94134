/// One receive-pack POST body, decoded: commands, capabilities, push options and the pack's bytes
/// (gitprotocol-pack, "Reference Update Request and Packfile Transfer"; git-on-libgit2.md §3.1).
struct ReceivePackRequest {
    /// One `<old> <new> <ref>` line.
    struct Command: Equatable {
        /// The value the client saw; nil when it creates the ref.
        let old: ObjectID?
        /// The value it wants; nil to delete.
        let new: ObjectID?
        /// The ref, exactly as sent.
        let ref: String
    }

    /// Limits on one request.
    struct Limits {
        var commands = 100
        var pushOptions = 50
        var pushOptionBytes = 4096
    }

    /// The commands, in order.
    var commands: [Command] = []
    /// The capabilities on the first command line (`report-status`, `side-band-64k`, …).
    var capabilities: Set<String> = []
    /// `git push -o <option>` values, when `push-options` was agreed.
    var pushOptions: [String] = []
    /// The pack: everything after the commands (and options); empty when every command deletes.
    var pack: ArraySlice<UInt8> = []

    /// Decodes `body`. A body that is only a flush (the client's probe before a large chunked push) has no
    /// commands. `shallow` lines from a shallow clone are skipped: the pack is verified against the repository anyway.
    static func parse(_ body: [UInt8], limits: Limits = Limits()) throws(ProtocolError) -> ReceivePackRequest {
        var reader = PktLineReader(body)
        var request = ReceivePackRequest()
        // The command list ends with a flush (the probe is a flush alone); a body that stops before it is truncated.
        commandLoop: while true {
            let packet = try reader.read()
            switch packet {
            case .flush: break commandLoop
            case .data(let payload):
                var line = payload
                if line.last == 0x0a { line.removeLast() }
                if request.commands.isEmpty, let nul = line.firstIndex(of: 0) {
                    // The capability list starts with a space: "\0 report-status-v2 side-band-64k …" (§3.1).
                    request.capabilities = Set(String(decoding: line[(nul + 1)...], as: UTF8.self).split(separator: " ").map(String.init))
                    line = Array(line[..<nul])
                }
                guard let text = String(validating: line, as: UTF8.self) else { throw ProtocolError("a command is not UTF-8") }
                if text.hasPrefix("shallow ") { continue }
                request.commands.append(try command(text))
                guard request.commands.count <= limits.commands else { throw ProtocolError("more than \(limits.commands) commands") }
            default: throw ProtocolError("unexpected special packet among the commands")
            }
        }
        if request.capabilities.contains("push-options"), !request.commands.isEmpty {
            while true {
                let packet = try reader.read()
                if packet == .flush { break }
                guard let option = packet.line, option.utf8.count <= limits.pushOptionBytes else {
                    throw ProtocolError("a push option is not UTF-8 or longer than \(limits.pushOptionBytes) bytes")
                }
                request.pushOptions.append(option)
                guard request.pushOptions.count <= limits.pushOptions else { throw ProtocolError("more than \(limits.pushOptions) push options") }
            }
        }
        request.pack = reader.remaining
        return request
    }

    /// Parses `<old-hex> <new-hex> <ref>`; the zero id stands for "absent".
    private static func command(_ line: String) throws(ProtocolError) -> Command {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let old = ObjectID(hex: parts[0]), let new = ObjectID(hex: parts[1]), !parts[2].isEmpty else {
            throw ProtocolError("malformed command \(line.prefix(120).debugDescription)")
        }
        func present(_ id: ObjectID) -> ObjectID? { id.bytes.allSatisfy { $0 == 0 } ? nil : id }
        return Command(old: present(old), new: present(new), ref: parts[2])
    }
}
