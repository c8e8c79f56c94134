import Foundation
import Testing
@testable import WikiStore

/// receive-pack with packs made by `git pack-objects`: what moves, what is reported, and that bad input changes nothing.
@Suite("receive-pack")
struct ReceivePackTests {
    /// A wiki, a working clone with one new commit on top of main, and that commit's pack.
    private struct Push {
        let wiki: TemporaryWiki
        let clone: URL
        let old: String
        let new: String
        let pack: [UInt8]
    }

    private func preparePush() throws -> Push {
        let wiki = try TemporaryWiki(pages: ["Home": "home\n", "Guide": "guide\n"])
        let clone = try ProtocolFixtures.localClone(of: wiki)
        let old = try wiki.tip().description
        let new = try ProtocolFixtures.commit(wiki, in: clone, file: "New.md", text: "new page\n")
        return Push(wiki: wiki, clone: clone, old: old, new: new,
                    pack: try ProtocolFixtures.pack(wiki, in: clone, revisions: [new, "^\(old)"]))
    }

    /// Sends `body` and returns the report lines (decoded from band 1), the band-2 text and the result.
    private func send(_ wiki: TemporaryWiki, _ body: [UInt8], permissions: PushPermissions = .everyone) throws
        -> (report: [String], messages: String, result: PushResult) {
        var out: [UInt8] = []
        let result = try wiki.wiki.receivePack(request: body, permissions: permissions) { out += $0 }
        let bands = try ProtocolFixtures.demultiplex(out)
        let report = try ProtocolFixtures.packets(bands.pack).map { $0.line ?? "0000" }
        return (report, bands.progress, result)
    }

    /// Records an issue unless main, the pack files and the quarantine are as before.
    private func expectUnchanged(_ push: Push, packs: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try push.wiki.tip().description == push.old, sourceLocation: sourceLocation)
        #expect(try ProtocolFixtures.packFiles(push.wiki) == packs, sourceLocation: sourceLocation)
        let incoming = (try? FileManager.default.contentsOfDirectory(atPath: push.wiki.path + "/opswiki/incoming")) ?? []
        #expect(incoming.isEmpty, sourceLocation: sourceLocation)
    }

    @Test("A fast-forward push moves main and reports ok")
    func fastForward() throws {
        let push = try preparePush()
        let response = try send(push.wiki, ProtocolFixtures.pushBody(old: push.old, new: push.new, ref: "refs/heads/main", pack: push.pack))
        #expect(response.report == ["unpack ok", "ok refs/heads/main", "0000"])
        #expect(try push.wiki.tip().description == push.new)
        #expect(response.result.movedMain)
        #expect(try push.wiki.text("New") == "new page\n")
        try push.wiki.expectConsistent()
    }

    @Test("Plain report-status without side-band is written as bare pkt-lines")
    func reportWithoutSideBand() throws {
        let push = try preparePush()
        var out: [UInt8] = []
        try push.wiki.wiki.receivePack(request: ProtocolFixtures.pushBody(old: push.old, new: push.new, ref: "refs/heads/main",
                                                                          capabilities: "report-status", pack: push.pack),
                                       permissions: .everyone) { out += $0 }
        #expect(try ProtocolFixtures.packets(out).map { $0.line ?? "0000" } == ["unpack ok", "ok refs/heads/main", "0000"])
    }

    @Test("A corrupt or truncated pack is refused with an unpack error and changes nothing",
          arguments: ["corrupt", "truncated", "not a pack"])
    func badPack(_ damage: String) throws {
        let push = try preparePush()
        let packs = try ProtocolFixtures.packFiles(push.wiki)
        var pack = push.pack
        switch damage {
        case "corrupt": pack[pack.count / 2] ^= 0xff
        case "truncated": pack.removeLast(30)
        default: pack = Array("garbage that is no pack".utf8)
        }
        let response = try send(push.wiki, ProtocolFixtures.pushBody(old: push.old, new: push.new, ref: "refs/heads/main", pack: pack))
        #expect(response.report.first?.hasPrefix("unpack ") == true && response.report.first != "unpack ok")
        #expect(response.report.dropFirst().first == "ng refs/heads/main unpacker error")
        #expect(response.result == PushResult())
        try expectUnchanged(push, packs: packs)
    }

    @Test("A pack missing the objects its commit needs fails the connectivity check and changes nothing")
    func missingObjects() throws {
        let push = try preparePush()
        let packs = try ProtocolFixtures.packFiles(push.wiki)
        // Only the commit: its new tree and blob are in neither the pack nor the repository.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-C", push.clone.path, "pack-objects", "--stdout", "-q"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data((push.new + "\n").utf8))
        try input.fileHandleForWriting.close()
        let commitOnly = Array(output.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        #expect(ProtocolFixtures.objectCount(ofPack: commitOnly) == 1)
        let response = try send(push.wiki, ProtocolFixtures.pushBody(old: push.old, new: push.new, ref: "refs/heads/main", pack: commitOnly))
        #expect(response.report.first?.hasPrefix("unpack ") == true && response.report.first != "unpack ok")
        try expectUnchanged(push, packs: packs)
    }

    @Test("A tip that is in neither the pack nor the repository is refused")
    func missingTip() throws {
        let push = try preparePush()
        let packs = try ProtocolFixtures.packFiles(push.wiki)
        let response = try send(push.wiki, ProtocolFixtures.pushBody(old: push.old, new: push.new, ref: "refs/heads/main",
                                                                     pack: ProtocolFixtures.emptyPack))
        #expect(response.report == ["unpack ok", "ng refs/heads/main missing object \(push.new)", "0000"])
        try expectUnchanged(push, packs: packs)
    }

    @Test("A non-fast-forward is rejected; a stale old value is told to fetch first")
    func rejections() throws {
        let push = try preparePush()
        let packs = try ProtocolFixtures.packFiles(push.wiki)
        try ProtocolFixtures.git(push.wiki, in: push.clone, "reset", "-q", "--hard", "HEAD~2")
        let diverged = try ProtocolFixtures.commit(push.wiki, in: push.clone, file: "Side.md", text: "side\n")
        let pack = try ProtocolFixtures.pack(push.wiki, in: push.clone, revisions: [diverged, "^\(push.old)~1"])
        let nonFastForward = try send(push.wiki, ProtocolFixtures.pushBody(old: push.old, new: diverged, ref: "refs/heads/main", pack: pack))
        #expect(nonFastForward.report == ["unpack ok", "ng refs/heads/main non-fast-forward", "0000"])
        let parent = try push.wiki.git("rev-parse", "main~1").trimmingCharacters(in: .whitespacesAndNewlines)
        let stale = try send(push.wiki, ProtocolFixtures.pushBody(old: parent, new: push.new, ref: "refs/heads/main", pack: push.pack))
        #expect(stale.report == ["unpack ok", "ng refs/heads/main fetch first", "0000"])
        try expectUnchanged(push, packs: packs)
    }

    @Test("Without permission every command is refused before the pack is indexed")
    func permissionDenied() throws {
        let push = try preparePush()
        let packs = try ProtocolFixtures.packFiles(push.wiki)
        let main = try send(push.wiki, ProtocolFixtures.pushBody(old: push.old, new: push.new, ref: "refs/heads/main", pack: push.pack),
                            permissions: PushPermissions(mayUpdateMain: false, mayPropose: true))
        #expect(main.report[1].hasPrefix("ng refs/heads/main permission denied"))
        let proposal = try send(push.wiki, ProtocolFixtures.pushBody(old: nil, new: push.new, ref: "refs/for/main", pack: push.pack),
                                permissions: .nobody)
        #expect(proposal.report[1] == "ng refs/for/main permission denied: you may not propose changes")
        // A push that can only be refused is answered before its pack is looked at: garbage is not even an unpack error.
        let garbage = try send(push.wiki, ProtocolFixtures.pushBody(old: push.old, new: push.new, ref: "refs/heads/main",
                                                                    pack: Array("not a pack".utf8)), permissions: .nobody)
        #expect(garbage.report.prefix(2) == ["unpack ok", "ng refs/heads/main permission denied: only maintainers may push to main; push to refs/for/main to propose"])
        try expectUnchanged(push, packs: packs)
    }

    @Test("Only main and refs/for/main accept pushes; deletes are refused")
    func otherRefs() throws {
        let push = try preparePush()
        let other = try send(push.wiki, ProtocolFixtures.pushBody(old: nil, new: push.new, ref: "refs/heads/feature", pack: push.pack))
        #expect(other.report[1] == "ng refs/heads/feature only refs/heads/main and refs/for/main accept pushes")
        let delete = try send(push.wiki, ProtocolFixtures.pushBody(old: push.old, new: String(repeating: "0", count: 40),
                                                                   ref: "refs/heads/main", pack: []))
        #expect(delete.report == ["unpack ok", "ng refs/heads/main deleting refs is not allowed", "0000"])
        #expect(try push.wiki.tip().description == push.old)
    }

    @Test("refs/for/main opens proposal 1; the same topic updates it; no topic opens proposal 2")
    func proposals() throws {
        let push = try preparePush()
        let opened = try send(push.wiki, ProtocolFixtures.pushBody(old: nil, new: push.new, ref: "refs/for/main%topic=new-page", pack: push.pack))
        #expect(opened.report == ["unpack ok", "ok refs/for/main%topic=new-page", "option refname refs/proposals/1/head",
                                  "option old-oid \(String(repeating: "0", count: 40))", "option new-oid \(push.new)", "0000"])
        #expect(opened.messages == "proposal 1 opened: /proposals/1 (topic=new-page)\n")
        #expect(opened.result.proposals == [1])
        let second = try ProtocolFixtures.commit(push.wiki, in: push.clone, file: "New.md", text: "better page\n")
        let pack = try ProtocolFixtures.pack(push.wiki, in: push.clone, revisions: [second, "^\(push.new)"])
        let updated = try send(push.wiki, ProtocolFixtures.pushBody(old: nil, new: second, ref: "refs/for/main", options: ["topic=new-page"], pack: pack))
        #expect(updated.messages == "proposal 1 updated: /proposals/1 (topic=new-page)\n")
        #expect(updated.result.updates == [PushResult.Update(ref: "refs/proposals/1/head", old: ObjectID(hex: push.new), new: try #require(ObjectID(hex: second)))])
        let another = try send(push.wiki, ProtocolFixtures.pushBody(old: nil, new: push.new, ref: "refs/for/main", pack: ProtocolFixtures.emptyPack))
        #expect(another.messages == "proposal 2 opened: /proposals/2\n")
        #expect(try push.wiki.git("rev-parse", "refs/proposals/1/head", "refs/proposals/2/head").split(separator: "\n") == [Substring(second), Substring(push.new)])
        #expect(try push.wiki.tip().description == push.old)
        try push.wiki.expectConsistent()
    }

    @Test("A proposal of commits already on main, or with a bad topic, is refused")
    func badProposals() throws {
        let push = try preparePush()
        let onMain = try send(push.wiki, ProtocolFixtures.pushBody(old: nil, new: push.old, ref: "refs/for/main", pack: ProtocolFixtures.emptyPack))
        #expect(onMain.report[1] == "ng refs/for/main no new commits: \(push.old) is already on main")
        let badTopic = try send(push.wiki, ProtocolFixtures.pushBody(old: nil, new: push.new, ref: "refs/for/main%topic=../x", pack: push.pack))
        #expect(badTopic.report[1].hasPrefix("ng refs/for/main%topic=../x a topic is"))
    }

    @Test("The probe body 0000 gets an empty answer; a malformed command is invalid input")
    func probeAndMalformed() throws {
        let push = try preparePush()
        var out: [UInt8] = []
        let result = try push.wiki.wiki.receivePack(request: PktLine.flush, permissions: .everyone) { out += $0 }
        #expect(out.isEmpty && result == PushResult())
        #expect(throws: StoreError.self) {
            try push.wiki.wiki.receivePack(request: ProtocolFixtures.line("not a command") + PktLine.flush, permissions: .everyone) { _ in }
        }
        #expect(try push.wiki.tip().description == push.old)
    }
}
