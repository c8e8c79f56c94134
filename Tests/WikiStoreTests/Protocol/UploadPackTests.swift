import Foundation
import Testing
@testable import WikiStore

/// Stateless negotiation on a real repository, request bytes in, response bytes checked.
@Suite("upload-pack negotiation")
struct UploadPackTests {
    /// A wiki of four commits; returns it with the ids of the first (`old`) and last (`tip`) commits.
    private func history() throws -> (TemporaryWiki, old: String, tip: String) {
        let wiki = try TemporaryWiki(pages: ["A": "a\n"])
        let old = try wiki.tip().description
        for (index, name) in ["B", "C", "D"].enumerated() { try wiki.save(name, "\(index)\n", base: try wiki.tip()) }
        return (wiki, old, try wiki.tip().description)
    }

    /// Runs a v0 or v2 request and splits the response.
    private func run(_ wiki: TemporaryWiki, _ lines: [String?], version: Int = 0) throws -> (lines: [String], pack: [UInt8], progress: String) {
        let body = lines.flatMap { $0.map(ProtocolFixtures.line) ?? PktLine.flush }
        var out: [UInt8] = []
        try wiki.wiki.uploadPack(request: body, protocolVersion: version) { out += $0 }
        return try ProtocolFixtures.demultiplex(out)
    }

    /// The number of objects git's rev-list counts for `revisions`.
    private func objectCount(_ wiki: TemporaryWiki, _ revisions: String...) throws -> Int {
        try wiki.runGit(["rev-list", "--objects"] + revisions).output.split(separator: "\n").count
    }

    private let capabilities = "multi_ack_detailed no-done side-band-64k no-progress ofs-delta"

    @Test("A clone (wants, flush, done) gets NAK and a pack of every object")
    func clone() throws {
        let (wiki, _, tip) = try history()
        let response = try run(wiki, ["want \(tip) \(capabilities)", nil, "done"])
        #expect(response.lines == ["NAK", "0000"])
        #expect(ProtocolFixtures.objectCount(ofPack: response.pack) == (try objectCount(wiki, "main")))
        #expect(response.progress.isEmpty)
    }

    @Test("A round ending in flush whose unknown have came before any common one acknowledges and stops")
    func roundWithoutReady() throws {
        let (wiki, old, tip) = try history()
        let unknown = String(repeating: "1", count: 40)
        let response = try run(wiki, ["want \(tip) \(capabilities)", nil, "have \(unknown)", "have \(old)", nil])
        #expect(response.lines == ["ACK \(old) common", "NAK"])
        #expect(response.pack.isEmpty)
    }

    @Test("no-done: a common have makes the server ready and send the pack in the same response")
    func noDoneSendsPack() throws {
        let (wiki, old, tip) = try history()
        let response = try run(wiki, ["want \(tip) \(capabilities)", nil, "have \(old)", nil])
        #expect(response.lines == ["ACK \(old) common", "ACK \(old) ready", "NAK", "ACK \(old)", "0000"])
        #expect(ProtocolFixtures.objectCount(ofPack: response.pack) == (try objectCount(wiki, "main", "^\(old)")))
    }

    @Test("After the give-up point unknown haves are answered ready")
    func readyForUnknownHaves() throws {
        let (wiki, old, tip) = try history()
        let unknown = String(repeating: "2", count: 40)
        let response = try run(wiki, ["want \(tip) \(capabilities)", nil, "have \(old)", "have \(unknown)", "done"])
        #expect(response.lines == ["ACK \(old) common", "ACK \(unknown) ready", "ACK \(old)", "0000"])
    }

    @Test("A want that is not reachable from any ref is refused with ERR")
    func notOurRef() throws {
        let (wiki, _, _) = try history()
        let stranger = String(repeating: "3", count: 40)
        let response = try run(wiki, ["want \(stranger) \(capabilities)", nil, "done"])
        #expect(response.lines == ["ERR upload-pack: not our ref \(stranger)"])
    }

    @Test("A want of an older commit reachable from main is allowed (refs may move between GET and POST)")
    func reachableWant() throws {
        let (wiki, old, _) = try history()
        let response = try run(wiki, ["want \(old) \(capabilities)", nil, "done"])
        #expect(response.lines == ["NAK", "0000"])
        #expect(ProtocolFixtures.objectCount(ofPack: response.pack) == (try objectCount(wiki, old)))
    }

    @Test("Without side-band the raw pack follows the NAK")
    func rawPack() throws {
        let (wiki, _, tip) = try history()
        let body = ProtocolFixtures.line("want \(tip) multi_ack_detailed") + PktLine.flush + ProtocolFixtures.line("done")
        var out: [UInt8] = []
        try wiki.wiki.uploadPack(request: body, protocolVersion: 0) { out += $0 }
        #expect(out.prefix(12) == ArraySlice(Array("0008NAK\nPACK".utf8)))
    }

    @Test("deepen: the first stateless round gets only the shallow list; the next gets a one-commit pack")
    func deepen() throws {
        let (wiki, _, tip) = try history()
        let first = try run(wiki, ["want \(tip) \(capabilities) shallow", "deepen 1", nil])
        #expect(first.lines == ["shallow \(tip)", "0000"])
        let second = try run(wiki, ["want \(tip) \(capabilities) shallow", "deepen 1", nil, "done"])
        #expect(second.lines == ["shallow \(tip)", "0000", "NAK", "0000"])
        let treeObjects = try wiki.runGit(["ls-tree", "-r", "-t", "main"]).output.split(separator: "\n").count
        #expect(ProtocolFixtures.objectCount(ofPack: second.pack) == 2 + treeObjects)
    }

    @Test("include-tag adds an annotated tag whose commit is in the pack")
    func includeTag() throws {
        let (wiki, _, tip) = try history()
        try wiki.git("tag", "-a", "v1", "-m", "one", "main")
        let without = try run(wiki, ["want \(tip) \(capabilities)", nil, "done"])
        let with = try run(wiki, ["want \(tip) \(capabilities) include-tag", nil, "done"])
        #expect(ProtocolFixtures.objectCount(ofPack: with.pack) == ProtocolFixtures.objectCount(ofPack: without.pack) + 1)
    }

    @Test("A malformed request is answered with ERR, not a crash")
    func malformed() throws {
        let (wiki, _, _) = try history()
        let response = try run(wiki, ["want nothex \(capabilities)", nil, "done"])
        #expect(response.lines.count == 1)
        #expect(response.lines.first?.hasPrefix("ERR expected an object id") == true)
    }

    @Test("v2 fetch without done: acknowledgments, ready, then the packfile section")
    func version2Ready() throws {
        let (wiki, old, tip) = try history()
        let body = ProtocolFixtures.line("command=fetch") + PktLine.delimiter
            + ["want \(tip)", "have \(old)", "no-progress", "ofs-delta"].flatMap(ProtocolFixtures.line) + PktLine.flush
        var out: [UInt8] = []
        try wiki.wiki.uploadPack(request: body, protocolVersion: 2) { out += $0 }
        let response = try ProtocolFixtures.demultiplex(out)
        #expect(response.lines == ["acknowledgments", "ACK \(old)", "ready", "0001", "packfile", "0000"])
        #expect(ProtocolFixtures.objectCount(ofPack: response.pack) == (try objectCount(wiki, "main", "^\(old)")))
    }

    @Test("v2 fetch with only unknown haves: NAK and a flush, no pack")
    func version2Nak() throws {
        let (wiki, _, tip) = try history()
        let body = ProtocolFixtures.line("command=fetch") + PktLine.delimiter
            + ["want \(tip)", "have \(String(repeating: "4", count: 40))"].flatMap(ProtocolFixtures.line) + PktLine.flush
        var out: [UInt8] = []
        try wiki.wiki.uploadPack(request: body, protocolVersion: 2) { out += $0 }
        #expect(try ProtocolFixtures.packets(out).map { $0.line ?? "0000" } == ["acknowledgments", "NAK", "0000"])
    }

    @Test("A second clone of the same tip streams the cached pack byte for byte")
    func cloneCache() throws {
        let (wiki, _, tip) = try history()
        let first = try run(wiki, ["want \(tip) multi_ack_detailed side-band-64k ofs-delta", nil, "done"])
        let cached = try FileManager.default.contentsOfDirectory(atPath: wiki.path + "/opswiki/packs").sorted()
        #expect(cached.count == 2 && cached[0].hasSuffix(".pack") && cached[1].hasSuffix(".plan"))
        let second = try run(wiki, ["want \(tip) multi_ack_detailed side-band-64k ofs-delta", nil, "done"])
        #expect(second.pack == first.pack)
        #expect(second.progress.contains("Sending cached pack"))
        #expect(!first.progress.contains("Sending cached pack"))
    }

    @Test("refreshCloneCache stores the pack the next clone asks for")
    func warmCache() throws {
        let (wiki, _, tip) = try history()
        try wiki.wiki.refreshCloneCache()
        let response = try run(wiki, ["want \(tip) multi_ack_detailed side-band-64k ofs-delta", nil, "done"])
        #expect(response.progress.contains("Sending cached pack"))
        #expect(ProtocolFixtures.objectCount(ofPack: response.pack) == (try objectCount(wiki, "main")))
    }

    @Test("A clone after two commits gets the cached pack plus the new objects as one pack git's index-pack accepts")
    func spliced() throws {
        let (wiki, _, old) = try history()
        _ = try run(wiki, ["want \(old) multi_ack_detailed side-band-64k ofs-delta", nil, "done"])
        for name in ["E", "F"] { try wiki.save(name, "new \(name)\n", base: try wiki.tip()) }
        let tip = try wiki.tip().description
        let response = try run(wiki, ["want \(tip) multi_ack_detailed side-band-64k ofs-delta", nil, "done"])
        #expect(response.progress.contains("Sending cached pack and 6 new objects"))
        #expect(ProtocolFixtures.objectCount(ofPack: response.pack) == (try objectCount(wiki, "main")))
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("spliced-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: target) }
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let file = target.appendingPathComponent("in.pack")
        try Data(response.pack).write(to: file)
        // index-pack checks the trailer SHA-1 and resolves every delta; verify-pack re-reads the result.
        #expect(try wiki.runGit(["index-pack", file.path]).status == 0)
        #expect(try wiki.runGit(["verify-pack", target.appendingPathComponent("in.idx").path]).status == 0)
        // The spliced pack is cached for the new tip: the next clone streams it as is.
        let again = try run(wiki, ["want \(tip) multi_ack_detailed side-band-64k ofs-delta", nil, "done"])
        #expect(again.progress.contains("Sending cached pack\n") && again.pack == response.pack)
    }

    @Test("A client that did not ask for ofs-delta never gets a cached pack (it may hold OFS_DELTA): it gets a build")
    func noOffsetDeltas() throws {
        let (wiki, _, tip) = try history()
        _ = try run(wiki, ["want \(tip) multi_ack_detailed side-band-64k ofs-delta", nil, "done"])
        let plain = try run(wiki, ["want \(tip) multi_ack_detailed side-band-64k", nil, "done"])
        #expect(!plain.progress.contains("Sending cached pack"))
        #expect(plain.progress.contains("Total \(try objectCount(wiki, "main")) objects"))
    }

    @Test("When the repository is one bitmapped pack holding the tips, a clone streams that pack file as it is")
    func repositoryPack() throws {
        let (wiki, _, tip) = try history()
        _ = try wiki.git("repack", "-adbq")
        let packs = try FileManager.default.contentsOfDirectory(atPath: wiki.path + "/objects/pack").filter { $0.hasSuffix(".pack") }
        #expect(packs.count == 1)
        let file = try Data(contentsOf: URL(fileURLWithPath: wiki.path + "/objects/pack/" + packs[0]))
        let response = try run(wiki, ["want \(tip) multi_ack_detailed side-band-64k ofs-delta", nil, "done"])
        #expect(response.progress.contains("Sending the repository's pack"))
        #expect(response.pack == Array(file))
        // After a new commit (loose objects) the stored copy is the splice base of the next clone.
        try wiki.save("G", "new\n", base: try wiki.tip())
        let next = try run(wiki, ["want \(try wiki.tip()) multi_ack_detailed side-band-64k ofs-delta", nil, "done"])
        #expect(next.progress.contains("Sending cached pack and 3 new objects"))
        #expect(ProtocolFixtures.objectCount(ofPack: next.pack) == (try objectCount(wiki, "main")))
    }
}
