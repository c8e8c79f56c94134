/// Writes a response's pack data and progress through the caller's `write`, multiplexed on side-band-64k
/// when the client asked for it (gitprotocol-pack, "side-band, side-band-64k"), raw otherwise.
struct SideBandWriter {
    /// The three bands: 1 pack data, 2 progress (printed as `remote: …`), 3 a fatal error.
    enum Band: UInt8 { case data = 1, progress = 2, error = 3 }

    /// The largest payload of one band packet: 65520 minus the 4-byte header and the band byte.
    static let maximumChunk = PktLine.maximumPayload - 1

    /// Where bytes go; may block (back-pressure) and throws when the client went away.
    private let write: ([UInt8]) throws -> Void
    /// False: pack data is written raw and progress is dropped (no side-band capability).
    let multiplexed: Bool
    /// False when the client sent `no-progress` (or `quiet`): nothing goes on band 2.
    let showsProgress: Bool
    /// Pack bytes waiting to fill a packet, so that tiny pieces do not each cost a header.
    private var pending: [UInt8] = []

    /// Wraps `write`.
    init(multiplexed: Bool, showsProgress: Bool, write: @escaping ([UInt8]) throws -> Void) {
        self.write = write
        self.multiplexed = multiplexed
        self.showsProgress = multiplexed && showsProgress
        pending.reserveCapacity(SideBandWriter.maximumChunk)
    }

    /// Writes pre-framed bytes (pkt-lines of the negotiation) as they are.
    func raw(_ bytes: [UInt8]) throws { try write(bytes) }

    /// Queues pack bytes, writing every full packet.
    mutating func data(_ bytes: UnsafeRawBufferPointer) throws {
        guard multiplexed else { return try write(Array(bytes)) }
        var rest = bytes[...]
        while !rest.isEmpty {
            let take = min(rest.count, SideBandWriter.maximumChunk - pending.count)
            pending.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
            if pending.count == SideBandWriter.maximumChunk { try flushData() }
        }
    }

    /// Queues pack bytes from an array.
    mutating func data(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try data($0) }
    }

    /// Writes the queued pack bytes as one band-1 packet.
    mutating func flushData() throws {
        guard multiplexed, !pending.isEmpty else { return }
        try write(PktLine.encode([Band.data.rawValue] + pending))
        pending.removeAll(keepingCapacity: true)
    }

    /// Sends a message on band 2 (progress) when progress is wanted.
    func progress(_ text: String) throws {
        guard showsProgress else { return }
        try message(text, on: .progress)
    }

    /// Sends `text` on `band` (split into packets) whatever the progress setting; dropped without side-band.
    func message(_ text: String, on band: Band) throws {
        guard multiplexed else { return }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            try write(PktLine.encode([band.rawValue] + bytes.prefix(SideBandWriter.maximumChunk)))
            bytes = bytes.dropFirst(SideBandWriter.maximumChunk)
        }
    }

    /// An empty band-1 packet, `0005\x01`: git's upload-pack sends one every 5 s of silence so that proxies
    /// and `http.lowSpeedTime` do not drop a connection while the pack is being prepared (upload-pack.c).
    func keepAlive() throws {
        guard multiplexed else { return }
        try write(PktLine.encode([Band.data.rawValue]))
    }

    /// Writes the queued data and the closing flush of a multiplexed stream.
    mutating func finish() throws {
        try flushData()
        if multiplexed { try write(PktLine.flush) }
    }
}
