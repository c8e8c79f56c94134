/// git's pkt-line framing (gitprotocol-common, "pkt-line Format"): four lowercase hex digits giving the
/// length including themselves, then the payload; `0000` flush, `0001` delimiter, `0002` response end.
enum PktLine {
    /// The largest whole packet, header included (gitprotocol-common: LARGE_PACKET_MAX = 65520).
    static let maximumLength = 65520
    /// The largest payload of one packet.
    static let maximumPayload = maximumLength - 4

    /// `0000`: ends a section or a request.
    static let flush: [UInt8] = Array("0000".utf8)
    /// `0001`: separates sections in protocol v2.
    static let delimiter: [UInt8] = Array("0001".utf8)

    /// One packet carrying `payload`; a programmer error when it exceeds `maximumPayload`.
    static func encode(_ payload: some Collection<UInt8>) -> [UInt8] {
        precondition(payload.count <= maximumPayload, "a pkt-line payload over 65516 bytes")
        let length = payload.count + 4
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [hex[length >> 12 & 0xf], hex[length >> 8 & 0xf], hex[length >> 4 & 0xf], hex[length & 0xf]]
        out.reserveCapacity(length)
        out.append(contentsOf: payload)
        return out
    }

    /// One packet carrying `text` plus the customary final LF.
    static func encode(line text: String) -> [UInt8] {
        encode(Array(text.utf8) + [0x0a])
    }
}

/// One decoded packet.
enum Packet: Equatable {
    /// A data packet's payload (without its header; a trailing LF is kept).
    case data([UInt8])
    /// `0000`.
    case flush
    /// `0001` (protocol v2).
    case delimiter
    /// `0002` (protocol v2, stateless response end).
    case responseEnd

    /// The payload as text without one trailing LF, or nil for a special packet or non-UTF-8 bytes.
    var line: String? {
        guard case .data(var bytes) = self else { return nil }
        if bytes.last == 0x0a { bytes.removeLast() }
        return String(validating: bytes, as: UTF8.self)
    }
}

/// Why a request's bytes are not a valid git protocol message.
struct ProtocolError: Error, Equatable, CustomStringConvertible {
    /// A message fit for the client (it is sent back in an `ERR` packet or an `unpack` status).
    let description: String
    init(_ description: String) { self.description = description }
}

/// Reads packets from a byte buffer that may still be growing.
struct PktLineReader {
    /// The bytes read so far; `offset` is the first unread one.
    private(set) var buffer: [UInt8] = []
    /// The index of the first byte not yet decoded.
    private(set) var offset = 0

    /// Starts with `bytes`.
    init(_ bytes: [UInt8] = []) { buffer = bytes }

    /// Appends bytes that arrived later.
    mutating func append(_ bytes: some Collection<UInt8>) { buffer.append(contentsOf: bytes) }

    /// The bytes after the last decoded packet (e.g. the pack after a push's commands).
    var remaining: ArraySlice<UInt8> { buffer[offset...] }

    /// The next packet, nil when more bytes are needed, or a `ProtocolError` for a length that is not
    /// four hex digits, is 3 (`0003` is reserved) or exceeds `PktLine.maximumLength`.
    mutating func next() throws(ProtocolError) -> Packet? {
        guard buffer.count - offset >= 4 else { return nil }
        var length = 0
        for byte in buffer[offset..<offset + 4] {
            // gitprotocol-common: the length is hex; git writes lowercase and accepts either case.
            guard let nibble = ObjectID.nibble(byte) else {
                throw ProtocolError("bad pkt-line length \(String(decoding: buffer[offset..<offset + 4], as: UTF8.self).debugDescription)")
            }
            length = length << 4 | Int(nibble)
        }
        switch length {
        case 0: offset += 4; return .flush
        case 1: offset += 4; return .delimiter
        case 2: offset += 4; return .responseEnd
        case 3: throw ProtocolError("bad pkt-line length 0003")
        case PktLine.maximumLength + 1 ... Int.max: throw ProtocolError("pkt-line longer than \(PktLine.maximumLength) bytes")
        default:
            guard buffer.count - offset >= length else { return nil }
            let payload = Array(buffer[offset + 4 ..< offset + length])
            offset += length
            return .data(payload)
        }
    }

    /// The next packet of a complete request; running out of bytes is a `ProtocolError`.
    mutating func read() throws(ProtocolError) -> Packet {
        guard let packet = try next() else { throw ProtocolError("the request ends in the middle of a pkt-line") }
        return packet
    }
}
