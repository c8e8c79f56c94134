import Foundation
import Testing
@testable import WikiStore

/// Start-up recovery of what a killed writer leaves behind (issue 9).
@Suite struct CrashRecoveryTests {
    /// Creates `relative` under the repository with a modification time `age` seconds ago.
    private func leave(_ relative: String, in wiki: TemporaryWiki, age: TimeInterval, directory: Bool = false) throws {
        let path = wiki.path + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if directory {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } else {
            #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
        }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -age)], ofItemAtPath: path)
    }

    @Test("A ref lock left by a killed writer blocks every save until start-up recovery removes it")
    func staleRefLock() throws {
        let wiki = try TemporaryWiki(pages: ["Home": "one\n"])
        try leave("refs/heads/main.lock", in: wiki, age: 60)
        #expect(throws: StoreError.self) { try wiki.save("Home", "two\n", base: try wiki.tip()) }
        let recovery = try wiki.wiki.recoverAfterCrash(start: Date())
        #expect(recovery == CrashRecovery(removedLocks: ["refs/heads/main.lock"]))
        try wiki.save("Home", "two\n", base: try wiki.tip())
        #expect(try wiki.text("Home") == "two\n")
    }

    @Test("Every kind of git lock file older than the start is removed and reported, sorted")
    func allLockKinds() throws {
        let wiki = try TemporaryWiki(pages: ["Home": "one\n"])
        for file in ["packed-refs.lock", "HEAD.lock", "config.lock", "index.lock", "refs/proposals/3/head.lock",
                     "logs/refs/heads/main.lock"] {
            try leave(file, in: wiki, age: 5)
        }
        let recovery = try wiki.wiki.recoverAfterCrash(start: Date())
        #expect(recovery.removedLocks == ["HEAD.lock", "config.lock", "index.lock", "logs/refs/heads/main.lock",
                                          "packed-refs.lock", "refs/proposals/3/head.lock"])
        #expect(!FileManager.default.fileExists(atPath: wiki.path + "/packed-refs.lock"))
        try wiki.expectConsistent()
    }

    @Test("A lock file newer than the start belongs to a live writer and is kept")
    func liveLockKept() throws {
        let wiki = try TemporaryWiki(pages: ["Home": "one\n"])
        try leave("refs/heads/main.lock", in: wiki, age: -30)
        let recovery = try wiki.wiki.recoverAfterCrash(start: Date())
        #expect(recovery.removedLocks.isEmpty)
        #expect(FileManager.default.fileExists(atPath: wiki.path + "/refs/heads/main.lock"))
    }

    @Test("Nothing is removed while another opswiki process holds the repository")
    func otherProcessHolds() throws {
        let wiki = try TemporaryWiki(pages: ["Home": "one\n"])
        let other = try ServeHold(repositoryPath: wiki.path)
        other.holdShared()
        try leave("refs/heads/main.lock", in: wiki, age: 60)
        let recovery = try wiki.wiki.recoverAfterCrash(start: Date())
        #expect(recovery == CrashRecovery(skippedBecauseInUse: true))
        #expect(FileManager.default.fileExists(atPath: wiki.path + "/refs/heads/main.lock"))
        // The recovering process now holds the repository too: a second process cannot take it exclusively.
        #expect(!(try ServeHold(repositoryPath: wiki.path).tryExclusive()))
    }

    @Test("Push quarantines and temporary object files of a killed process are removed; objects stay")
    func leftovers() throws {
        let wiki = try TemporaryWiki(pages: ["Home": "one\n"])
        try leave("opswiki/incoming/5B0E2C1A-DEAD", in: wiki, age: 60, directory: true)
        try leave("objects/ab/tmp_object_git2_Xy12Ab", in: wiki, age: 60)
        let recovery = try wiki.wiki.recoverAfterCrash(start: Date())
        #expect(recovery.removedLeftovers == ["objects/ab/tmp_object_git2_Xy12Ab", "opswiki/incoming/5B0E2C1A-DEAD"])
        #expect(recovery.removedLocks.isEmpty)
        #expect(try wiki.text("Home") == "one\n")
        try wiki.expectConsistent()
    }
}
