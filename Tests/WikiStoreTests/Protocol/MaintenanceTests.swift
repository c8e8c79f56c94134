import Foundation
import Synchronization
import Testing
@testable import WikiStore

@Suite("Repository maintenance")
struct MaintenanceTests {
    /// A wiki with loose objects from web edits plus a pack from a push.
    private func cluttered() throws -> TemporaryWiki {
        let wiki = try TemporaryWiki(pages: ["Home": "home\n", "Guide": "guide\n", "About": "about\n"])
        let clone = try ProtocolFixtures.localClone(of: wiki)
        let old = try wiki.tip().description
        let new = try ProtocolFixtures.commit(wiki, in: clone, file: "Pushed.md", text: "pushed\n")
        let pack = try ProtocolFixtures.pack(wiki, in: clone, revisions: [new, "^\(old)"])
        try wiki.wiki.receivePack(request: ProtocolFixtures.pushBody(old: old, new: new, ref: "refs/heads/main", pack: pack),
                                  permissions: .everyone) { _ in }
        try wiki.git("tag", "-a", "v1", "-m", "one", "main")
        try wiki.save("Home", "home again\n", base: try wiki.tip())
        return wiki
    }

    @Test("Everything reachable ends in one pack; loose objects and the old pack go; refs are packed; the graph verifies")
    func compacts() throws {
        let wiki = try cluttered()
        let reachable = try wiki.git("rev-list", "--objects", "--all").split(separator: "\n").count
        let report = try wiki.wiki.maintenance()
        #expect(report.packedObjects == reachable)
        #expect(report.removedPacks == 1)
        #expect(report.removedLooseObjects > 0)
        #expect(report.graphCommits == (try wiki.commitCount()))
        // Only unreachable objects stay loose (here the empty tree the first commit started from), for two weeks.
        let unreachable = try wiki.git("fsck", "--unreachable", "--no-reflogs").split(separator: "\n").count
        #expect(try wiki.git("count-objects", "-v").contains("count: \(unreachable)\n"))
        #expect(try ProtocolFixtures.packFiles(wiki).filter { $0.hasSuffix(".pack") }.count == 1)
        #expect(try String(contentsOfFile: wiki.path + "/packed-refs", encoding: .utf8).contains("refs/heads/main"))
        #expect(try wiki.runGit(["commit-graph", "verify"]).status == 0)
        #expect(try wiki.text("Home") == "home again\n")
        try wiki.expectConsistent()
        let again = try wiki.wiki.maintenance()
        #expect(again.removedPacks == 0 && again.removedLooseObjects == 0)
        #expect(try ProtocolFixtures.packFiles(wiki).filter { $0.hasSuffix(".pack") }.count == 1)
    }

    @Test("Young unreachable loose objects are kept (a writer may be about to use them); ones older than two weeks go")
    func keepsUnreachable() throws {
        let wiki = try cluttered()
        let blob = try wiki.runGit(["hash-object", "-w", "--stdin"], input: "not referenced yet\n").output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let stale = try wiki.runGit(["hash-object", "-w", "--stdin"], input: "abandoned long ago\n").output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let stalePath = wiki.path + "/objects/" + stale.prefix(2) + "/" + stale.dropFirst(2)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -20 * 24 * 3600)], ofItemAtPath: stalePath)
        try wiki.wiki.maintenance()
        #expect(try wiki.git("cat-file", "-t", blob).trimmingCharacters(in: .whitespacesAndNewlines) == "blob")
        #expect(try wiki.runGit(["cat-file", "-t", stale]).status != 0)
    }

    @Test("A push quarantine left by a crashed process is removed after a day; a fresh one is kept")
    func staleQuarantines() throws {
        let wiki = try cluttered()
        let incoming = wiki.path + "/opswiki/incoming"
        for name in ["old", "fresh"] {
            try FileManager.default.createDirectory(atPath: incoming + "/" + name + "/x", withIntermediateDirectories: true)
        }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -2 * 24 * 3600)], ofItemAtPath: incoming + "/old")
        #expect(try wiki.wiki.maintenance().removedQuarantines == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: incoming) == ["fresh"])
    }

    @Test("Clones served during maintenance all succeed")
    func safeWhileServing() throws {
        let wiki = try cluttered()
        let tip = try wiki.tip().description
        let failures = Mutex(0), stop = Atomic(false), done = Atomic(false)
        let reader = Thread {
            while !stop.load(ordering: .relaxed) {
                var out: [UInt8] = []
                let body = PktLine.encode(line: "want \(tip) multi_ack_detailed side-band-64k") + PktLine.flush + PktLine.encode(line: "done")
                do {
                    try wiki.wiki.uploadPack(request: body, protocolVersion: 0) { out += $0 }
                    if (try? ProtocolFixtures.demultiplex(out))?.pack.prefix(4).elementsEqual("PACK".utf8) != true { failures.withLock { $0 += 1 } }
                } catch { failures.withLock { $0 += 1 } }
                _ = try? wiki.wiki.page(PageName("Guide"))
            }
            done.store(true, ordering: .relaxed)
        }
        reader.start()
        try wiki.wiki.maintenance()
        stop.store(true, ordering: .relaxed)
        while !done.load(ordering: .relaxed) { Thread.sleep(forTimeInterval: 0.01) }
        #expect(failures.withLock { $0 } == 0)
        try wiki.expectConsistent()
    }
}
