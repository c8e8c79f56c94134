import Foundation
import Synchronization
import Testing
@testable import WikiHTTP
import WikiStore

/// The real git client against the real server: clone, fetch and push of `/wiki.git` (issue #7).
@Suite("git over smart HTTP")
struct GitSmartHTTPTests {
    @Test("A clone (protocol v0 and v2) has the server's refs and objects and passes git fsck --full", arguments: [0, 2])
    func clone(version: Int) throws {
        let fixture = try GitFixture(permissions: .nobody)
        try fixture.git(["-c", "protocol.version=\(version)", "clone", "-q", fixture.url, fixture.path("c")])
        #expect(try fixture.clone("c", "rev-parse", "HEAD") == fixture.tip())
        #expect(try fixture.clone("c", "symbolic-ref", "HEAD") == "refs/heads/main")
        #expect(try fixture.clone("c", "cat-file", "-t", "v1") == "tag")
        #expect(try fixture.clone("c", "rev-parse", "v1") == fixture.server("rev-parse", "v1"))
        #expect(try fixture.clone("c", "rev-list", "--objects", "--all") == fixture.server("rev-list", "--objects", "--all"))
        #expect(try fixture.run(["-C", fixture.path("c"), "fsck", "--full", "--no-dangling"]).status == 0)
    }

    @Test("A fetch after a web edit transfers only the new commit, tree and blob", arguments: [0, 2])
    func fetchAfterWebEdit(version: Int) throws {
        let fixture = try GitFixture(permissions: .nobody)
        try fixture.git(["-c", "protocol.version=\(version)", "clone", "-q", fixture.url, fixture.path("c")])
        try fixture.clone("c", "repack", "-adq")
        _ = try fixture.wiki.save(PageEdit(name: PageName("Home"), content: Array("changed\n".utf8), message: "Web edit",
                                           base: fixture.wiki.head(), author: Person(name: "Web", email: "web@example.com")))
        try fixture.clone("c", "-c", "protocol.version=\(version)", "fetch", "-q")
        #expect(try fixture.clone("c", "rev-parse", "origin/main") == fixture.tip())
        // Fewer than 100 objects arrive unpacked (fetch.unpackLimit): the loose count is the pack's size.
        #expect(try fixture.clone("c", "count-objects").hasPrefix("3 objects"))
    }

    @Test("A clone after new commits splices the cached pack with a pack of the new objects; git accepts it", arguments: [0, 2])
    func spliceAfterCommits(version: Int) throws {
        let fixture = try GitFixture(permissions: .nobody)
        try fixture.git(["-c", "protocol.version=\(version)", "clone", "-q", fixture.url, fixture.path("a")])
        for text in ["one\n", "two\n", "three\n"] {
            _ = try fixture.wiki.save(PageEdit(name: PageName("Home"), content: Array(text.utf8), message: "Web edit",
                                               base: fixture.wiki.head(), author: Person(name: "Web", email: "web@example.com")))
        }
        let cloned = try fixture.run(["-c", "protocol.version=\(version)", "clone", "--progress", fixture.url, fixture.path("c")])
        #expect(cloned.status == 0)
        #expect(cloned.error.contains("Sending cached pack and 9 new objects"))
        #expect(try fixture.clone("c", "rev-parse", "HEAD") == fixture.tip())
        #expect(try fixture.clone("c", "for-each-ref", "--format=%(objectname) %(refname:lstrip=3)", "refs/remotes/origin/main")
                == fixture.server("for-each-ref", "--format=%(objectname) %(refname:lstrip=2)", "refs/heads/main"))
        #expect(try fixture.clone("c", "rev-parse", "v1") == fixture.server("rev-parse", "v1"))
        #expect(try fixture.clone("c", "rev-list", "--objects", "--all") == fixture.server("rev-list", "--objects", "--all"))
        #expect(try fixture.run(["-C", fixture.path("c"), "fsck", "--full", "--no-dangling"]).status == 0)
        // Shallow clones never splice: they take the normal path and get exactly one commit.
        let shallow = try fixture.run(["-c", "protocol.version=\(version)", "clone", "--progress", "--depth", "1", fixture.url, fixture.path("s")])
        #expect(shallow.status == 0 && !shallow.error.contains("Sending cached pack"))
        #expect(try fixture.clone("s", "rev-list", "--count", "HEAD") == "1")
    }

    @Test("clone --depth 1 gets one commit", arguments: [0, 2])
    func shallow(version: Int) throws {
        let fixture = try GitFixture(permissions: .nobody)
        try fixture.git(["-c", "protocol.version=\(version)", "clone", "-q", "--depth", "1", fixture.url, fixture.path("s")])
        #expect(try fixture.clone("s", "rev-list", "--count", "HEAD") == "1")
        #expect(try fixture.run(["-C", fixture.path("s"), "fsck", "--no-dangling"]).status == 0)
    }

    @Test("A fast-forward push lands on main; a forced non-fast-forward is rejected with the reason")
    func pushToMain() throws {
        let fixture = try GitFixture(permissions: .everyone)
        try fixture.git(["clone", "-q", fixture.url, fixture.path("c")])
        let pushed = try fixture.commit(in: "c", file: "New.md", text: "pushed page\n")
        try fixture.clone("c", "push", "-q", "origin", "HEAD:main")
        #expect(try fixture.tip() == pushed)
        #expect(try fixture.wiki.page(PageName("New")).bytes == Array("pushed page\n".utf8))
        #expect(fixture.pushes.all.map(\.movedMain) == [true])
        try fixture.clone("c", "reset", "-q", "--hard", "HEAD~1")
        try fixture.commit(in: "c", file: "Other.md", text: "diverged\n")
        let forced = try fixture.run(["-C", fixture.path("c"), "push", "--force", "origin", "HEAD:main"])
        #expect(forced.status == 1)
        #expect(forced.error.contains("! [remote rejected] HEAD -> main (non-fast-forward)"))
        #expect(try fixture.tip() == pushed)
    }

    @Test("A push to refs/for/main opens a proposal, prints its link and leaves main alone")
    func pushProposal() throws {
        let fixture = try GitFixture(permissions: PushPermissions(mayUpdateMain: false, mayPropose: true))
        try fixture.git(["clone", "-q", fixture.url, fixture.path("c")])
        let tip = try fixture.tip()
        let proposed = try fixture.commit(in: "c", file: "Idea.md", text: "an idea\n")
        let result = try fixture.run(["-C", fixture.path("c"), "push", "origin", "HEAD:refs/for/main", "-o", "topic=idea"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains("remote: proposal 1 opened: /proposals/1 (topic=idea)"))
        #expect(result.error.contains("HEAD -> refs/proposals/1/head"))
        #expect(try fixture.server("rev-parse", "refs/proposals/1/head") == proposed)
        #expect(try fixture.tip() == tip)
        let refused = try fixture.run(["-C", fixture.path("c"), "push", "origin", "HEAD:main"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("permission denied"))
    }

    @Test("With the nobody policy the push is refused at the advertisement and nothing changes")
    func nobodyMayPush() throws {
        let fixture = try GitFixture(permissions: .nobody)
        try fixture.git(["clone", "-q", fixture.url, fixture.path("c")])
        let before = try fixture.packFiles(), tip = try fixture.tip()
        try fixture.commit(in: "c", file: "New.md", text: "new\n")
        let result = try fixture.run(["-C", fixture.path("c"), "push", "origin", "HEAD:main"])
        #expect(result.status == 128)
        #expect(result.error.contains("403"))
        #expect(try fixture.tip() == tip)
        #expect(try fixture.packFiles() == before)
    }

    @Test("A corrupt pack is refused with an unpack error and the repository is unchanged")
    func corruptPack() throws {
        let fixture = try GitFixture(permissions: .everyone)
        try fixture.git(["clone", "-q", fixture.url, fixture.path("c")])
        let old = try fixture.tip(), before = try fixture.packFiles()
        let new = try fixture.commit(in: "c", file: "New.md", text: String(repeating: "content\n", count: 200))
        let packFile = fixture.path("pack.bin")
        let pack = Process()
        pack.executableURL = URL(fileURLWithPath: "/bin/sh")
        pack.arguments = ["-c", "printf '%s\\n^%s\\n' \(new) \(old) | git -C '\(fixture.path("c"))' pack-objects --stdout --revs -q > '\(packFile)'"]
        try pack.run()
        pack.waitUntilExit()
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: packFile)))
        bytes[bytes.count / 2] ^= 0xff
        let command = Array("\(old) \(new) refs/heads/main".utf8) + [0] + Array(" report-status\n".utf8)
        let length = String(command.count + 4, radix: 16)
        let body = Array((String(repeating: "0", count: 4 - length.count) + length).utf8) + command + Array("0000".utf8) + bytes
        try Data(body).write(to: URL(fileURLWithPath: packFile))
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "-H", "Content-Type: application/x-git-receive-pack-request", "--data-binary", "@\(packFile)",
                          "\(fixture.url)/git-receive-pack"]
        let output = Pipe()
        curl.standardOutput = output
        try curl.run()
        let response = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        #expect(response.contains("unpack ") && !response.contains("unpack ok"))
        #expect(response.contains("ng refs/heads/main unpacker error"))
        #expect(try fixture.tip() == old)
        #expect(try fixture.packFiles() == before)
    }

    @Test("A service other than upload-pack or receive-pack, or none, is 403")
    func unknownService() throws {
        let fixture = try GitFixture(permissions: .everyone)
        for query in ["", "?service=git-upload-archive", "?service="] {
            let curl = Process()
            curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            curl.arguments = ["-s", "-o", "/dev/null", "-w", "%{http_code}", "\(fixture.url)/info/refs\(query)"]
            let output = Pipe()
            curl.standardOutput = output
            try curl.run()
            let status = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            curl.waitUntilExit()
            #expect(status == "403", "query \(query)")
        }
    }

    @Test("A web edit during a push: both land, or the push is told to fetch first; nothing is lost")
    func concurrentEditAndPush() throws {
        let fixture = try GitFixture(permissions: .everyone)
        try fixture.git(["clone", "-q", fixture.url, fixture.path("c")])
        let pushed = try fixture.commit(in: "c", file: "Pushed.md", text: "pushed\n")
        let base = try fixture.wiki.head()
        let wiki = fixture.wiki
        let editor = Thread {
            _ = try? wiki.save(PageEdit(name: PageName("Home"), content: Array("edited on the web\n".utf8), message: "Web edit",
                                        base: base, author: Person(name: "Web", email: "web@example.com")))
        }
        editor.start()
        let result = try fixture.run(["-C", fixture.path("c"), "push", "origin", "HEAD:main"])
        while !editor.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        #expect(try fixture.wiki.page(PageName("Home")).bytes == Array("edited on the web\n".utf8))
        if result.status == 0 {
            #expect(try fixture.run(["--git-dir=\(fixture.wiki.path)", "merge-base", "--is-ancestor", pushed, "main"]).status == 0)
        } else {
            #expect(result.error.contains("fetch first"))
        }
        #expect(try fixture.run(["--git-dir=\(fixture.wiki.path)", "fsck", "--full", "--no-dangling"]).status == 0)
    }

    @Test("A 3 MB push (probe request, then a chunked body) and a multi-round fetch (gzip bodies) both work")
    func largePushAndGzipFetch() throws {
        let fixture = try GitFixture(permissions: .everyone)
        try fixture.git(["clone", "-q", fixture.url, fixture.path("c")])
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<3_000_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try Data(noise).write(to: fixture.root.appendingPathComponent("c/big.bin"))
        try fixture.clone("c", "add", "big.bin")
        try fixture.clone("c", "commit", "-q", "-m", "Big attachment")
        try fixture.clone("c", "push", "-q", "origin", "HEAD:main")
        #expect(try fixture.tip() == fixture.clone("c", "rev-parse", "HEAD"))
        try fixture.git(["clone", "-q", fixture.url, fixture.path("d")])
        for index in 0..<40 { try fixture.commit(in: "d", file: "local\(index).md", text: "\(index)\n") }
        _ = try fixture.wiki.save(PageEdit(name: PageName("Home"), content: Array("newer\n".utf8), message: "Web edit",
                                           base: fixture.wiki.head(), author: Person(name: "Web", email: "web@example.com")))
        for version in [0, 2] {
            try fixture.clone("d", "-c", "protocol.version=\(version)", "fetch", "-q")
            #expect(try fixture.clone("d", "rev-parse", "origin/main") == fixture.tip())
        }
    }

    @Test("With keepCloneCacheWarm, a web save refreshes the clone pack in the background; the next clone streams it")
    func cloneCacheRefresher() throws {
        let fixture = try GitFixture(permissions: .nobody)
        let packs = fixture.wiki.path + "/opswiki/packs"
        func cached() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: packs)) ?? []).filter { $0.hasSuffix(".pack") } }
        func waitFor(_ count: Int) {
            for _ in 0..<1000 where cached().count < count { Thread.sleep(forTimeInterval: 0.01) }
        }
        fixture.wiki.keepCloneCacheWarm()
        waitFor(1)
        #expect(cached().count == 1)
        for text in ["moved\n", "moved again\n"] {
            _ = try fixture.wiki.save(PageEdit(name: PageName("Home"), content: Array(text.utf8), message: "Web edit",
                                               base: fixture.wiki.head(), author: Person(name: "Web", email: "web@example.com")))
        }
        waitFor(2)
        #expect(cached().count == 2)
        // The clone pack of the new tip was made in the background: the clone streams it without building.
        let cloned = try fixture.run(["clone", "--progress", fixture.url, fixture.path("c")])
        #expect(cloned.status == 0)
        #expect(cloned.error.contains("remote: Sending cached pack") && !cloned.error.contains("new objects"))
        #expect(try fixture.clone("c", "rev-parse", "HEAD") == fixture.tip())
        #expect(try fixture.run(["-C", fixture.path("c"), "fsck", "--full", "--no-dangling"]).status == 0)
    }

    @Test("An empty wiki clones with git's warning, and the first push creates main", arguments: [0, 2])
    func emptyWiki(version: Int) throws {
        let fixture = try GitFixture(pages: [:], permissions: .everyone)
        let cloned = try fixture.run(["-c", "protocol.version=\(version)", "clone", fixture.url, fixture.path("e")])
        #expect(cloned.status == 0)
        #expect(cloned.error.contains("You appear to have cloned an empty repository."))
        let first = try fixture.commit(in: "e", file: "Home.md", text: "first page\n")
        try fixture.clone("e", "push", "-q", "origin", "HEAD:main")
        #expect(try fixture.tip() == first)
        #expect(try fixture.wiki.page(PageName("Home")).bytes == Array("first page\n".utf8))
    }

    @Test("Two clones run while a third client pushes; all succeed")
    func clonesDuringPush() throws {
        let fixture = try GitFixture(permissions: .everyone)
        try fixture.git(["clone", "-q", fixture.url, fixture.path("pusher")])
        let pushed = try fixture.commit(in: "pusher", file: "New.md", text: "new\n")
        let statuses = Mutex<[Int32]>([])
        let threads = (0..<2).map { index in
            Thread { [url = fixture.url, path = fixture.path("clone\(index)")] in
                let status = (try? fixture.run(["clone", "-q", url, path]).status) ?? -1
                statuses.withLock { $0.append(status) }
            }
        }
        threads.forEach { $0.start() }
        let push = try fixture.run(["-C", fixture.path("pusher"), "push", "-q", "origin", "HEAD:main"])
        while statuses.withLock({ $0.count }) < 2 { Thread.sleep(forTimeInterval: 0.01) }
        #expect(push.status == 0, "\(push.error)")
        #expect(statuses.withLock { $0 } == [0, 0])
        #expect(try fixture.tip() == pushed)
        for index in 0..<2 {
            #expect(try fixture.run(["-C", fixture.path("clone\(index)"), "fsck", "--no-dangling"]).status == 0)
        }
    }
}
