import Foundation
import Testing
@testable import WikiStore

/// Issue 9, git protocol hostility: whatever a client sends to receive-pack or upload-pack, a refusal leaves
/// every ref, every object and the pack directory exactly as they were (compared before and after).
@Suite("protocol hostility")
struct ProtocolHostilityTests {
    /// Everything a push could change: refs with their targets, HEAD, the object count, pack files, quarantines.
    private struct Snapshot: Equatable {
        let refs: String
        let head: String
        let objects: [String]
        let packs: [String]
        let incoming: [String]

        init(_ wiki: TemporaryWiki) throws {
            refs = try wiki.git("for-each-ref", "--format=%(refname) %(objectname)")
            head = try wiki.git("symbolic-ref", "HEAD")
            // count-objects -v: loose objects, objects in packs, packs, garbage, and their sizes.
            objects = try wiki.git("count-objects", "-v").split(separator: "\n").map(String.init)
            packs = try ProtocolFixtures.packFiles(wiki)
            incoming = (try? FileManager.default.contentsOfDirectory(atPath: wiki.path + "/opswiki/incoming")) ?? []
        }
    }

    /// A wiki with two pages, a clone with one new commit, and that commit's pack.
    private static func prepare() throws -> (wiki: TemporaryWiki, old: String, new: String, pack: [UInt8]) {
        let wiki = try TemporaryWiki(pages: ["Home": "home\n", "Guide": "guide\n"])
        let clone = try ProtocolFixtures.localClone(of: wiki)
        let old = try wiki.tip().description
        let new = try ProtocolFixtures.commit(wiki, in: clone, file: "New.md", text: "new page\n")
        return (wiki, old, new, try ProtocolFixtures.pack(wiki, in: clone, revisions: [new, "^\(old)"]))
    }

    /// Sends `body`; returns the report lines, or nil when the request was refused as malformed (a throw).
    private static func push(_ wiki: TemporaryWiki, _ body: [UInt8]) -> [String]? {
        var out: [UInt8] = []
        do {
            _ = try wiki.wiki.receivePack(request: body, permissions: .everyone) { out += $0 }
        } catch StoreError.invalidInput {
            return nil
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
        guard let bands = try? ProtocolFixtures.demultiplex(out), let packets = try? ProtocolFixtures.packets(bands.pack) else {
            Issue.record("the answer is not framed correctly")
            return nil
        }
        return packets.map { $0.line ?? "0000" }
    }

    @Test("Malformed pkt-lines and oversized lengths are refused as invalid input", arguments: [
        "zzzz",                        // not hex
        "0003",                        // shorter than its own length field
        "fff0",                        // a length far past the end of the body
        "0032",                        // a length announced, no payload: truncated
        "ffff" + String(repeating: "a", count: 100),   // over the 65520-byte maximum
        "0001",                        // a delimiter where commands belong
        "0007abc",                     // a payload that is no command
        "0000",                        // (control) the probe: nothing to do, accepted
    ])
    func malformedFraming(_ text: String) throws {
        let (wiki, _, _, pack) = try Self.prepare()
        let before = try Snapshot(wiki)
        let report = Self.push(wiki, Array(text.utf8) + pack)
        if text == "0000" { #expect(report == []) } else { #expect(report == nil) }
        #expect(try Snapshot(wiki) == before)
    }

    @Test("Malformed commands are refused as invalid input", arguments: [
        "short-id",
        "1234567 89abcde refs/heads/main",
        String(repeating: "g", count: 40) + " " + String(repeating: "1", count: 40) + " refs/heads/main",
        String(repeating: "0", count: 40) + " " + String(repeating: "1", count: 40),
        String(repeating: "0", count: 40) + " " + String(repeating: "1", count: 40) + " ",
    ])
    func malformedCommands(_ command: String) throws {
        let (wiki, _, _, pack) = try Self.prepare()
        let before = try Snapshot(wiki)
        let body = PktLine.encode(Array(command.utf8) + [0] + Array(" report-status-v2 side-band-64k\n".utf8)) + PktLine.flush + pack
        #expect(Self.push(wiki, body) == nil)
        #expect(try Snapshot(wiki) == before)
    }

    @Test("A command that is not UTF-8 is refused")
    func nonUTF8Command() throws {
        let (wiki, old, new, pack) = try Self.prepare()
        let before = try Snapshot(wiki)
        let body = PktLine.encode(Array("\(old) \(new) refs/heads/m".utf8) + [0xff, 0xfe] + [0] + Array(" report-status\n".utf8))
            + PktLine.flush + pack
        #expect(Self.push(wiki, body) == nil)
        #expect(try Snapshot(wiki) == before)
    }

    @Test("Ref names that are invalid or outside refs/heads/main and refs/for/* are refused, nothing written", arguments: [
        "refs/heads/main/../main", "refs/heads/../heads/main", "refs/for/main/../../heads/main", "HEAD", "refs/heads/main.lock",
        "refs/proposals/1/head", "refs/tags/v9", "refs/heads/Main", "refs/heads/main\u{7f}", "refs/heads/ma in", "main",
        "refs/for/other", "refs/heads/main\u{1}", "/refs/heads/main", "refs//heads/main", "refs/for/main%topic=../../x",
    ])
    func hostileRefNames(_ ref: String) throws {
        let (wiki, old, new, pack) = try Self.prepare()
        let before = try Snapshot(wiki)
        let report = Self.push(wiki, ProtocolFixtures.pushBody(old: old, new: new, ref: ref, pack: pack))
        if let report {
            #expect(report.count >= 2 && report[1].hasPrefix("ng "), "\(ref) was not refused: \(report)")
            #expect(!report.contains { $0.hasPrefix("ok ") })
        }
        #expect(try Snapshot(wiki) == before)
    }

    @Test("Deleting main, a non-fast-forward, a missing object and a corrupt pack each leave everything as it was")
    func refusedPushesChangeNothing() throws {
        let (wiki, old, new, pack) = try Self.prepare()
        let before = try Snapshot(wiki)
        let zero = String(repeating: "0", count: 40)
        let delete = Self.push(wiki, ProtocolFixtures.pushBody(old: old, new: zero, ref: "refs/heads/main", pack: []))
        #expect(delete == ["unpack ok", "ng refs/heads/main deleting refs is not allowed", "0000"])
        let root = try wiki.git("rev-list", "--max-parents=0", "main").trimmingCharacters(in: .whitespacesAndNewlines)
        let backwards = Self.push(wiki, ProtocolFixtures.pushBody(old: old, new: root, ref: "refs/heads/main", pack: ProtocolFixtures.emptyPack))
        #expect(backwards == ["unpack ok", "ng refs/heads/main non-fast-forward", "0000"])
        let stranger = String(repeating: "ab", count: 20)
        let missing = Self.push(wiki, ProtocolFixtures.pushBody(old: old, new: stranger, ref: "refs/heads/main", pack: ProtocolFixtures.emptyPack))
        #expect(missing == ["unpack ok", "ng refs/heads/main missing object \(stranger)", "0000"])
        var corrupt = pack
        corrupt[corrupt.count - 5] ^= 0x55    // inside the trailing checksum
        let badChecksum = Self.push(wiki, ProtocolFixtures.pushBody(old: old, new: new, ref: "refs/heads/main", pack: corrupt))
        #expect(badChecksum?.first?.hasPrefix("unpack ") == true && badChecksum?.first != "unpack ok")
        var lying = pack
        lying[11] &+= 5                       // the header claims more objects than the pack holds
        let wrongCount = Self.push(wiki, ProtocolFixtures.pushBody(old: old, new: new, ref: "refs/heads/main", pack: lying))
        #expect(wrongCount?.first?.hasPrefix("unpack ") == true && wrongCount?.first != "unpack ok")
        #expect(try Snapshot(wiki) == before)
        try wiki.expectConsistent()
    }

    @Test("Two commands where one is hostile: the good one lands, the bad one changes nothing")
    func mixedCommands() throws {
        let (wiki, old, new, pack) = try Self.prepare()
        let zero = String(repeating: "0", count: 40)
        var first = Array("\(old) \(new) refs/heads/main".utf8) + [0] + Array(" report-status-v2 side-band-64k\n".utf8)
        first = PktLine.encode(first)
        let body = first + ProtocolFixtures.line("\(zero) \(new) refs/heads/evil") + PktLine.flush + pack
        let report = Self.push(wiki, body)
        #expect(report == ["unpack ok", "ok refs/heads/main", "ng refs/heads/evil only refs/heads/main and refs/for/main accept pushes", "0000"])
        #expect(try wiki.git("for-each-ref", "--format=%(refname)").split(separator: "\n").sorted() == ["refs/heads/main"])
        try wiki.expectConsistent()
    }

    @Test("upload-pack answers garbage with ERR or an invalid-input error, and never writes", arguments: [
        "zzzz", "0003", "fff0", "0032want", "0009want\n0000", "0032have " + String(repeating: "1", count: 40) + "\n",
        "0045want " + String(repeating: "1", count: 40) + " multi_ack\n00000009done\n",
    ])
    func uploadPackGarbage(_ text: String) throws {
        let (wiki, _, _, _) = try Self.prepare()
        let before = try Snapshot(wiki)
        for version in [0, 2] {
            var out: [UInt8] = []
            do {
                try wiki.wiki.uploadPack(request: Array(text.utf8), protocolVersion: version) { out += $0 }
                let packets = try ProtocolFixtures.packets(out)
                #expect(packets.contains { $0.line?.hasPrefix("ERR ") == true }, "v\(version) \(text.debugDescription): \(packets)")
            } catch StoreError.invalidInput {
                #expect(out.isEmpty)
            }
        }
        #expect(try Snapshot(wiki) == before)
    }
}
