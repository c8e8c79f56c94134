/// One stateless upload-pack request (a v0 POST body or the arguments of a v2 `fetch` command), decoded.
struct FetchRequest: Equatable {
    /// Limits on one request; a longer request is refused rather than processed.
    struct Limits {
        /// Wanted objects (a clone wants every branch and tag).
        var wants = 10_000
        /// Haves: the common ones found so far plus one new batch (git sends batches of up to 256).
        var haves = 100_000
        /// Shallow commits the client already has.
        var shallows = 10_000
        /// The largest `deepen N`.
        var depth = 1 << 30
    }

    /// The objects the client wants, in request order, without duplicates.
    var wants: [ObjectID] = []
    /// The objects the client says it has, in request order.
    var haves: [ObjectID] = []
    /// The client's current shallow commits (`shallow <hex>`).
    var clientShallows: [ObjectID] = []
    /// `deepen N`: cut history N commits below the wants.
    var depth: Int?
    /// The client sent `done`: send the pack now, whatever the negotiation found.
    var done = false
    /// v0: the body ended right after the want section, with no have section at all. A stateless client
    /// deepening a clone sends this first and expects only the shallow list back (fetch-pack.c find_common).
    var endsAfterWants = false
    /// v0: the capabilities on the first want line; v2: the argument flags (`no-progress`, `include-tag`, …).
    var capabilities: Set<String> = []

    /// Multiplexed output (side-band-64k; v2 is always multiplexed).
    var multiplexed: Bool { capabilities.contains("side-band-64k") }
    /// Progress messages on band 2.
    var showsProgress: Bool { !capabilities.contains("no-progress") }
    /// Annotated tags pointing into the pack are added (`include-tag`).
    var includesTags: Bool { capabilities.contains("include-tag") }

    /// Decodes a v0 POST body: want/shallow/deepen lines, a flush, then haves ending in a flush or `done`.
    /// An empty body (or a bare flush) wants nothing.
    static func parseVersion0(_ body: [UInt8], limits: Limits = Limits()) throws(ProtocolError) -> FetchRequest {
        var reader = PktLineReader(body)
        var request = FetchRequest()
        var first = true
        while true {
            guard let packet = try reader.next() else {
                // Only an empty body may end here; anything else stopped before the flush ending the wants.
                guard body.isEmpty else { throw ProtocolError("the want list is truncated (no flush)") }
                break
            }
            guard case .data = packet else {
                if packet == .flush { break }
                throw ProtocolError("unexpected special packet in the want list")
            }
            guard let line = packet.line else { throw ProtocolError("a request line is not UTF-8") }
            if first, line.hasPrefix("want ") {
                // gitprotocol-pack: the first want line carries the client's capabilities after the id.
                let words = line.split(separator: " ", omittingEmptySubsequences: true)
                request.capabilities = Set(words.dropFirst(2).map(String.init))
                try request.add(line: words.prefix(2).joined(separator: " "), limits: limits)
            } else {
                try request.add(line: line, limits: limits)
            }
            first = false
        }
        request.endsAfterWants = reader.remaining.isEmpty
        if request.endsAfterWants { return request }
        while true {
            // The haves end with a flush or `done`; a body that stops before either is truncated.
            let packet = try reader.read()
            switch packet {
            case .flush: return request
            case .data:
                guard let line = packet.line else { throw ProtocolError("a request line is not UTF-8") }
                if line == "done" { request.done = true; return request }
                guard line.hasPrefix("have ") else { throw ProtocolError("expected a have line, got \(line.prefix(60).debugDescription)") }
                try request.add(line: line, limits: limits)
            default: throw ProtocolError("unexpected special packet among the haves")
            }
        }
    }

    /// Applies one `want`, `have`, `shallow` or `deepen` line; anything else is a `ProtocolError`.
    mutating func add(line: String, limits: Limits) throws(ProtocolError) {
        let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        let keyword = parts[0], argument = parts.count > 1 ? String(parts[1]) : ""
        switch keyword {
        case "want":
            let id = try FetchRequest.objectID(argument, in: line)
            if !wants.contains(id) { wants.append(id) }
            guard wants.count <= limits.wants else { throw ProtocolError("more than \(limits.wants) wants") }
        case "have":
            haves.append(try FetchRequest.objectID(argument, in: line))
            guard haves.count <= limits.haves else { throw ProtocolError("more than \(limits.haves) haves") }
        case "shallow":
            clientShallows.append(try FetchRequest.objectID(argument, in: line))
            guard clientShallows.count <= limits.shallows else { throw ProtocolError("more than \(limits.shallows) shallow lines") }
        case "deepen":
            guard let depth = Int(argument), depth > 0, depth <= limits.depth else {
                throw ProtocolError("bad deepen \(argument.prefix(20).debugDescription)")
            }
            self.depth = depth
        default:
            // deepen-since, deepen-not, filter and want-ref are not advertised, so a client does not send them.
            throw ProtocolError("unexpected line \(line.prefix(60).debugDescription)")
        }
    }

    /// Parses the 40 hex digits of a line's argument.
    private static func objectID(_ hex: String, in line: String) throws(ProtocolError) -> ObjectID {
        guard let id = ObjectID(hex: hex) else { throw ProtocolError("expected an object id in \(line.prefix(60).debugDescription)") }
        return id
    }
}
