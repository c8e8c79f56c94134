import Testing
@testable import WikiStore

@Suite("pkt-line codec")
struct PktLineTests {
    /// A stream with every packet kind: data with and without LF, an empty data packet, flush, delimiter, end.
    private let stream: [UInt8] = Array("000ahello\n0007abc000400000001000dline two\n0002".utf8)
    private let expected: [Packet] = [.data(Array("hello\n".utf8)), .data(Array("abc".utf8)), .data([]), .flush, .delimiter,
                                      .data(Array("line two\n".utf8)), .responseEnd]

    @Test("Encoding writes the total length in four lowercase hex digits")
    func encodes() {
        #expect(PktLine.encode(line: "hello") == Array("000ahello\n".utf8))
        #expect(PktLine.encode([UInt8](repeating: 0x61, count: 250)).prefix(4).elementsEqual("00fe".utf8))
        #expect(PktLine.encode([UInt8](repeating: 0, count: PktLine.maximumPayload)).prefix(4).elementsEqual("fff0".utf8))
    }

    @Test("A whole buffer decodes into every packet")
    func decodesWhole() throws {
        var reader = PktLineReader(stream)
        var packets: [Packet] = []
        while let packet = try reader.next() { packets.append(packet) }
        #expect(packets == expected)
        #expect(reader.remaining.isEmpty)
    }

    @Test("Bytes fed one at a time give the same packets, nil while a packet is incomplete")
    func decodesByteByByte() throws {
        var reader = PktLineReader()
        var packets: [Packet] = []
        for byte in stream {
            reader.append([byte])
            while let packet = try reader.next() { packets.append(packet) }
        }
        #expect(packets == expected)
    }

    @Test("Text lines drop exactly one trailing LF and refuse non-UTF-8")
    func lineText() {
        #expect(Packet.data(Array("want x\n".utf8)).line == "want x")
        #expect(Packet.data(Array("a\n\n".utf8)).line == "a\n")
        #expect(Packet.data([0xff, 0xfe]).line == nil)
        #expect(Packet.flush.line == nil)
    }

    @Test("Malformed lengths are errors", arguments: ["0003", "00g1", "zzzz", "fff1", "ffff", "-001"])
    func rejects(_ header: String) {
        var reader = PktLineReader(Array((header + String(repeating: "x", count: 8)).utf8))
        #expect(throws: ProtocolError.self) { try reader.next() }
    }

    @Test("A truncated packet is nil for a growing buffer and an error for a complete request")
    func truncated() throws {
        var reader = PktLineReader(Array("0010abc".utf8))
        #expect(try reader.next() == nil)
        #expect(throws: ProtocolError.self) { try reader.read() }
    }

    @Test("Side-band framing splits pack data into 65515-byte band-1 packets and ends with a flush")
    func sideBand() throws {
        var written: [[UInt8]] = []
        var writer = SideBandWriter(multiplexed: true, showsProgress: false) { written.append($0) }
        try writer.data([UInt8](repeating: 7, count: 70_000))
        try writer.progress("hidden")
        try writer.finish()
        #expect(written.map(\.count) == [65_520, 4_490, 4])
        #expect(written[0].prefix(5) == [0x66, 0x66, 0x66, 0x30, 1])
        #expect(written[2] == PktLine.flush)
    }

    @Test("A keep-alive is the empty band-1 packet 0005\\x01; without side-band nothing is sent")
    func keepAlive() throws {
        var written: [UInt8] = []
        try SideBandWriter(multiplexed: true, showsProgress: false) { written += $0 }.keepAlive()
        #expect(written == Array("0005".utf8) + [1])
        written = []
        try SideBandWriter(multiplexed: false, showsProgress: true) { written += $0 }.keepAlive()
        #expect(written.isEmpty)
    }
}
