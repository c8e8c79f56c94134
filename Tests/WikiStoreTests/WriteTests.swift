import Foundation
import Synchronization
import Testing
@testable import WikiStore

@Suite("Writes: one commit each, CAS on main, three-way merge")
struct WriteTests {
    @Test("A page with a non-ASCII name and content round-trips, byte for byte as git sees it")
    func roundTrip() throws {
        try withWiki { (wiki) throws in
            let text = "# Grüße 🌍\n\nZweite Zeile — ünïcödé\n"
            let outcome = try wiki.save("Ünïcödé/页面 Ω", text, base: nil)
            guard case .committed(let revision) = outcome else { Issue.record("expected .committed, got \(outcome)"); return }
            let page = try wiki.wiki.page(PageName("Ünïcödé/页面 Ω"))
            #expect(page.text == text)
            #expect(page.revision == revision)
            #expect(try wiki.git("rev-parse", "main").trimmingCharacters(in: .newlines) == revision.description)
            #expect(try wiki.git("rev-parse", "main:Ünïcödé/页面 Ω.md").trimmingCharacters(in: .newlines) == page.blobID.description)
            #expect(try wiki.git("show", "main:Ünïcödé/页面 Ω.md") == text)
            #expect(try wiki.git("log", "-1", "--format=%an <%ae>|%cn <%ce>|%s", "main") == "Test Author <author@example.com>|opswiki <opswiki@localhost>|Update Ünïcödé/页面 Ω\n")
            #expect(try wiki.git("symbolic-ref", "HEAD") == "refs/heads/main\n")
            #expect(try wiki.git("rev-parse", "--is-bare-repository") == "true\n")
        }
    }

    @Test("Saving identical content commits nothing")
    func identicalIsUnchanged() throws {
        try withWiki(pages: ["Home": "same\n"]) { (wiki) throws in
            #expect(try wiki.save("Home", "same\n", base: try wiki.tip()) == .unchanged)
            #expect(try wiki.commitCount() == 1)
        }
    }

    @Test("A stale base merges cleanly when the edits don't overlap")
    func staleBaseMerges() throws {
        try withWiki(pages: ["Home": "a\nb\nc\nd\ne\n"]) { (wiki) throws in
            let base = try wiki.tip()
            #expect(try wiki.save("Home", "A\nb\nc\nd\ne\n", base: base).revision != nil)
            let outcome = try wiki.save("Home", "a\nb\nc\nd\nE\n", base: base)
            guard case .merged(let revision) = outcome else { Issue.record("expected .merged, got \(outcome)"); return }
            #expect(try wiki.text("Home") == "A\nb\nc\nd\nE\n")
            #expect(try wiki.commitCount() == 3)
            #expect(try wiki.git("show", "\(revision):Home.md") == "A\nb\nc\nd\nE\n")
        }
    }

    @Test("Overlapping edits are a conflict holding base, ours and theirs; nothing is committed")
    func overlapConflicts() throws {
        try withWiki(pages: ["Home": "one\ntwo\nthree\n"]) { (wiki) throws in
            let base = try wiki.tip()
            try wiki.save("Home", "one\nTWO (theirs)\nthree\n", base: base)
            let tip = try wiki.tip()
            let outcome = try wiki.save("Home", "one\nTwo (ours)\nthree\n", base: base)
            guard case .conflict(let conflict) = outcome else { Issue.record("expected .conflict, got \(outcome)"); return }
            #expect(conflict.base == Array("one\ntwo\nthree\n".utf8))
            #expect(conflict.ours == Array("one\nTwo (ours)\nthree\n".utf8))
            #expect(conflict.theirs == Array("one\nTWO (theirs)\nthree\n".utf8))
            #expect(conflict.current == tip)
            #expect(String(decoding: conflict.merged, as: UTF8.self).contains("<<<<<<< your edit\nTwo (ours)\n=======\nTWO (theirs)\n>>>>>>> current\n"))
            #expect(try wiki.tip() == tip)
            #expect(try wiki.commitCount() == 2)
            #expect(try wiki.text("Home") == "one\nTWO (theirs)\nthree\n")
        }
    }

    @Test("A nil base on an existing page conflicts instead of overwriting; a new page is just created")
    func nilBase() throws {
        try withWiki(pages: ["Home": "kept\n"]) { (wiki) throws in
            guard case .conflict(let conflict) = try wiki.save("Home", "blind\n", base: nil) else {
                Issue.record("expected a conflict"); return
            }
            #expect(conflict.base.isEmpty)
            #expect(try wiki.text("Home") == "kept\n")
            #expect(try wiki.save("New", "fresh\n", base: nil).revision != nil)
            #expect(try wiki.commitCount() == 2)
        }
    }

    @Test("Editing a page that was deleted since the base is a conflict with empty theirs")
    func deletedSinceBase() throws {
        try withWiki(pages: ["Home": "x\n"]) { (wiki) throws in
            let base = try wiki.tip()
            try wiki.wiki.delete(PageName("Home"), author: TemporaryWiki.author)
            guard case .conflict(let conflict) = try wiki.save("Home", "y\n", base: base) else { Issue.record("expected a conflict"); return }
            #expect(conflict.theirs.isEmpty)
            #expect(try wiki.wiki.exists(PageName("Home")) == false)
        }
    }

    @Test("8 threads saving different lines on one base: all land, none lost")
    func racingDisjointEdits() throws {
        let lines = (0..<32).map { "line \($0)" }
        try withWiki(pages: ["Race": lines.joined(separator: "\n") + "\n"]) { (wiki) throws in
            let base = try wiki.tip()
            let outcomes = try race(threads: 8) { index in
                var edited = lines
                edited[index * 4] = "edited by writer \(index)"   // three untouched lines between edits: no adjacency conflict
                return try wiki.save("Race", edited.joined(separator: "\n") + "\n", base: base)
            }
            #expect(outcomes.allSatisfy { $0.revision != nil })
            #expect(try wiki.commitCount() == 1 + 8)
            let final = try wiki.text("Race")
            for index in 0..<8 { #expect(final.contains("edited by writer \(index)\n")) }
        }
    }

    @Test("8 threads saving the same line on one base: one commit, seven conflicts")
    func racingOverlappingEdits() throws {
        try withWiki(pages: ["Race": "a\nb\nc\n"]) { (wiki) throws in
            let base = try wiki.tip()
            let outcomes = try race(threads: 8) { index in try wiki.save("Race", "a\nwriter \(index)\nc\n", base: base) }
            let committed = outcomes.filter { if case .committed = $0 { true } else { false } }
            let conflicts = outcomes.filter { if case .conflict = $0 { true } else { false } }
            #expect(committed.count == 1)
            #expect(conflicts.count == 7)
            #expect(try wiki.commitCount() == 2)
        }
    }

    @Test("A push landing between read and CAS makes the write merge again on the new tip")
    func casRetriesAfterExternalPush() throws {
        try withWiki(pages: ["Home": "a\nb\nc\nd\ne\n", "Other": "o\n"]) { (wiki) throws in
            var attempts = 0
            let outcome = try wiki.wiki.write { repo, tip in
                attempts += 1
                if attempts == 1 { try wiki.externalCommit(file: "Other.md", text: "pushed\n") }
                let blob = try repo.createBlob(Array("a\nb\nc\nd\nE\n".utf8))
                return .commit([.upsert(path: "Home.md", blob: blob, mode: TreeUpdate.fileMode)], TemporaryWiki.author, "edit\n", merged: false)
            }
            #expect(attempts == 2)
            #expect(outcome.revision != nil)
            #expect(try wiki.git("log", "--format=%s", "main") == "edit\nexternal push\nUpdate Other\nUpdate Home\n")
            #expect(try wiki.text("Other") == "pushed\n")
            #expect(try wiki.text("Home") == "a\nb\nc\nd\nE\n")
        }
    }

    @Test("Losing the CAS three times is StoreError.busy and main keeps the other writer's commit")
    func casBusy() throws {
        try withWiki(pages: ["Home": "a\n"]) { (wiki) throws in
            var attempts = 0
            #expect(throws: StoreError.busy) {
                try wiki.wiki.write { repo, _ in
                    attempts += 1
                    try wiki.externalCommit(file: "Other.md", text: "push \(attempts)\n")
                    return .commit([.remove(path: "Home.md")], TemporaryWiki.author, "edit\n", merged: false)
                }
            }
            #expect(attempts == 3)
            #expect(try wiki.text("Other") == "push 3\n")
            #expect(try wiki.wiki.exists(PageName("Home")))
        }
    }

    @Test("Rename moves the blob; onto an existing page or from a missing one is refused")
    func rename() throws {
        try withWiki(pages: ["Old": "content\n", "Taken": "t\n"]) { (wiki) throws in
            let revision = try wiki.wiki.rename(PageName("Old"), to: PageName("dir/New"), author: TemporaryWiki.author)
            #expect(try wiki.text("dir/New") == "content\n")
            #expect(try wiki.wiki.exists(PageName("Old")) == false)
            #expect(try wiki.git("log", "-1", "--format=%s", revision.description) == "Rename Old to dir/New\n")
            let taken = try PageName("Taken"), old = try PageName("Old")
            #expect(throws: StoreError.pageExists(taken)) {
                try wiki.wiki.rename(PageName("dir/New"), to: PageName("Taken"), author: TemporaryWiki.author)
            }
            #expect(throws: StoreError.pageNotFound(old)) {
                try wiki.wiki.rename(PageName("Old"), to: PageName("Else"), author: TemporaryWiki.author)
            }
            #expect(try wiki.commitCount() == 3)
        }
    }

    @Test("Delete removes the page and its emptied folder")
    func delete() throws {
        try withWiki(pages: ["Home": "h\n", "runbooks/only": "o\n"]) { (wiki) throws in
            try wiki.wiki.delete(PageName("runbooks/only"), author: TemporaryWiki.author, message: "Retire the runbook")
            #expect(try wiki.git("ls-tree", "-r", "-t", "--name-only", "main") == "Home.md\n")
            #expect(try wiki.git("log", "-1", "--format=%B", "main") == "Retire the runbook\n\n")
            let only = try PageName("runbooks/only")
            #expect(throws: StoreError.pageNotFound(only)) {
                try wiki.wiki.delete(PageName("runbooks/only"), author: TemporaryWiki.author)
            }
        }
    }

    @Test("Upload stores binary bytes as an attachment; identical bytes commit nothing")
    func upload() throws {
        try withWiki(pages: ["Home": "h\n"]) { (wiki) throws in
            let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF, 0x0A, 0x00]
            let revision = try wiki.wiki.upload(path: "images/logo.png", bytes: bytes, author: TemporaryWiki.author)
            let file = try wiki.wiki.file("images/logo.png")
            #expect(file.bytes == bytes)
            #expect(file.revision == revision)
            #expect(try wiki.wiki.upload(path: "images/logo.png", bytes: bytes, author: TemporaryWiki.author) == revision)
            #expect(try wiki.commitCount() == 2)
            #expect(throws: StoreError.self) { try wiki.wiki.upload(path: "Home.md", bytes: [1], author: TemporaryWiki.author) }
            #expect(throws: StoreError.self) { try wiki.wiki.upload(path: "Home.md/x.png", bytes: [1], author: TemporaryWiki.author) }
        }
    }

    @Test("A page is never written over a folder or through a file used as a folder")
    func pathCollisions() throws {
        try withWiki(pages: ["Home": "h\n"]) { (wiki) throws in
            try wiki.externalCommit(file: "odd.md/inner.md", text: "inside\n")
            #expect(throws: StoreError.self) { try wiki.save("odd", "x\n", base: try wiki.tip()) }
            try wiki.wiki.upload(path: "data.bin", bytes: [1], author: TemporaryWiki.author)
            #expect(throws: StoreError.self) { try wiki.wiki.upload(path: "data.bin/x.png", bytes: [1], author: TemporaryWiki.author) }
            #expect(throws: StoreError.self) { try wiki.save("Home.md/x", "x\n", base: try wiki.tip()) }
            #expect(try wiki.git("show", "main:odd.md/inner.md") == "inside\n")
            #expect(try wiki.commitCount() == 3)
        }
    }

    @Test("A base that is not a commit of the repository is revisionNotFound")
    func unknownBase() throws {
        try withWiki(pages: ["Home": "h\n"]) { (wiki) throws in
            let bogus = Revision(try #require(ObjectID(hex: String(repeating: "ab", count: 20))))
            #expect(throws: StoreError.revisionNotFound(bogus.description)) { try wiki.save("Home", "x\n", base: bogus) }
        }
    }

    @Test("Every Wiki opened on one repository shares its writer lock")
    func sharedWriterLock() throws {
        try withWiki { (wiki) throws in
            let other = try Wiki.open(at: wiki.path + "/.")
            #expect(other.writer === wiki.wiki.writer)
            #expect(other.path == wiki.path)
        }
    }

    @Test("Readers on 4 threads always see a whole committed version while a writer commits")
    func readsDuringWrites() throws {
        try withWiki(pages: ["Home": "version 0\n"]) { (wiki) throws in
            let written = (0...20).map { "version \($0)\n" }
            let outcomes = try race(threads: 5) { index -> [String] in
                if index == 0 {
                    for text in written.dropFirst() { try wiki.save("Home", text, base: try wiki.tip()) }
                    return []
                }
                return try (0..<40).map { _ in try wiki.text("Home") }
            }
            #expect(outcomes.joined().allSatisfy { written.contains($0) })
            #expect(try wiki.text("Home") == "version 20\n")
            #expect(try wiki.commitCount() == 21)
        }
    }

    @Test("The committer is the wiki's identity, the author the user")
    func committerIdentity() throws {
        try withWiki { (wiki) throws in
            let bot = try Wiki.open(at: wiki.path, identity: Person(name: "Wiki Bot", email: "bot@example.com"))
            _ = try bot.save(PageEdit(name: PageName("Home"), content: Array("x\n".utf8), message: "Hello", base: nil, author: TemporaryWiki.author))
            #expect(try wiki.git("log", "-1", "--format=%an|%cn <%ce>", "main") == "Test Author|Wiki Bot <bot@example.com>\n")
        }
    }

    @Test("A signature libgit2 refuses is invalid input and commits nothing")
    func badAuthor() throws {
        try withWiki(pages: ["Home": "h\n"]) { (wiki) throws in
            #expect(throws: StoreError.self) {
                try wiki.save("Home", "x\n", base: try wiki.tip(), author: Person(name: "<evil>", email: "e@x"))
            }
            #expect(try wiki.commitCount() == 1)
        }
    }
}

/// Runs `body` on `threads` threads released together and returns every result.
func race<R: Sendable>(threads: Int, _ body: @escaping @Sendable (Int) throws -> R) throws -> [R] {
    let results = Mutex<[Int: Result<R, any Error>]>([:])
    let start = NSCondition()
    let started = Mutex(false)
    let group = DispatchGroup()
    for index in 0..<threads {
        group.enter()
        let thread = Thread {
            start.lock()
            while !started.withLock({ $0 }) { start.wait() }
            start.unlock()
            let result = Result { try body(index) }
            results.withLock { $0[index] = result }
            group.leave()
        }
        thread.start()
    }
    start.lock()
    started.withLock { $0 = true }
    start.broadcast()
    start.unlock()
    group.wait()
    return try results.withLock { all in
        try (0..<threads).map { index in
            guard let result = all[index] else { throw TestFailure("thread \(index) returned nothing") }
            return try result.get()
        }
    }
}

extension TemporaryWiki {
    /// Commits `text` at `file` on main with the git CLI, as a concurrent `git push` would.
    func externalCommit(file: String, text: String) throws {
        let blob = try checked(runGit(["hash-object", "-w", "--stdin"], input: text))
        // Graft the file onto the tip's tree through a private index file.
        let index = ["GIT_INDEX_FILE": root.appendingPathComponent("index-\(UUID().uuidString)").path]
        _ = try checked(runGit(["read-tree", "main"], environment: index))
        _ = try checked(runGit(["update-index", "--add", "--cacheinfo", "100644,\(blob),\(file)"], environment: index))
        let tree = try checked(runGit(["write-tree"], environment: index))
        let commit = try git("commit-tree", tree, "-p", "main", "-m", "external push").trimmingCharacters(in: .newlines)
        try git("update-ref", "refs/heads/main", commit)
    }

    /// The trimmed stdout of a git run that must succeed.
    private func checked(_ result: (status: Int32, output: String, error: String)) throws -> String {
        guard result.status == 0 else { throw TestFailure(result.error) }
        return result.output.trimmingCharacters(in: .newlines)
    }
}
