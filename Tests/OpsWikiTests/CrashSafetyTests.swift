import Foundation
import Synchronization
import Testing

/// Issue 9, crash safety: `opswiki serve` killed with SIGKILL at random moments while web edits and real
/// `git push`es stream at it, restarted each time. Afterwards the repository passes `git fsck --full` and
/// every write that was acknowledged (303 for an edit, exit 0 for a push) is on main.
@Suite(.serialized) struct CrashSafetyTests {
    /// A temporary wiki with one maintainer (`admin`/`secret`), and the ports of the current server.
    final class Site: Sendable {
        let root: String
        var repo: String { root + "/wiki.git" }
        var users: String { root + "/users" }
        /// The current server's port; 0 while it is down.
        let port = Atomic<Int>(0)
        let stopping = Atomic<Bool>(false)

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("opswiki-crash-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root + "/home", withIntermediateDirectories: true)
            try Self.check(Command.run(ServeProcess.binary, ["init", repo]))
            try Self.check(Command.run(ServeProcess.binary, ["user", "add", "--users", users, "admin", "--email", "admin@example.com",
                                                             "--role", "maintainer"], input: "secret\n"))
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        /// Runs git with a private HOME and a fixed identity.
        func git(_ arguments: [String]) throws -> Command.Result {
            try Command.run("/usr/bin/git", arguments, environment: [
                "HOME": root + "/home", "GIT_AUTHOR_NAME": "Pusher", "GIT_AUTHOR_EMAIL": "push@example.com",
                "GIT_COMMITTER_NAME": "Pusher", "GIT_COMMITTER_EMAIL": "push@example.com",
            ])
        }

        /// Throws unless `result` succeeded.
        @discardableResult
        static func check(_ result: Command.Result) throws -> String {
            guard result.status == 0 else { throw CommandFailed("exit \(result.status): \(result.error)") }
            return result.output
        }
    }

    /// Web edits: each creates its own page, so an acknowledged one must be found with exactly its text.
    private static func editLoop(_ site: Site, writer: Int, acknowledged: Locked<[(page: String, text: String)]>) {
        var number = 0
        while !site.stopping.load(ordering: .relaxed) {
            let port = site.port.load(ordering: .relaxed)
            guard port != 0 else { Thread.sleep(forTimeInterval: 0.01); continue }
            number += 1
            let page = "crash/edit-\(writer)-\(number)", text = "edit \(writer)-\(number) \(UUID().uuidString)"
            let result = try? Command.run("/usr/bin/curl", [
                "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10", "-u", "admin:secret",
                "--data-urlencode", "content=\(text)", "--data-urlencode", "message=\(page)", "--data-urlencode", "base=",
                "http://127.0.0.1:\(port)/edit/\(page)",
            ])
            if result?.output == "303" { acknowledged.update { $0.append((page, text)) } }
            // A pause between edits leaves pushes a chance to find main unmoved between fetch and push.
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Pushes: fetch main, commit one new file, push it, alternately to main and to `refs/for/main` (a
    /// proposal, which web edits cannot race); exit 0 means git read `ok`. Acknowledged as (commit, ref).
    private static func pushLoop(_ site: Site, acknowledged: Locked<[(commit: String, toMain: Bool)]>) {
        let clone = site.root + "/clone"
        var number = 0
        while !site.stopping.load(ordering: .relaxed) {
            let port = site.port.load(ordering: .relaxed)
            guard port != 0 else { Thread.sleep(forTimeInterval: 0.01); continue }
            let url = "http://admin:secret@127.0.0.1:\(port)/wiki.git"
            if !FileManager.default.fileExists(atPath: clone) {
                _ = try? site.git(["init", "-q", "-b", "main", clone])
            }
            guard (try? site.git(["-C", clone, "fetch", "-q", url, "main"]))?.status == 0,
                  (try? site.git(["-C", clone, "reset", "-q", "--hard", "FETCH_HEAD"]))?.status == 0 else { continue }
            number += 1
            let file = "push-\(number).md"
            guard FileManager.default.createFile(atPath: clone + "/" + file, contents: Data("push \(number)\n".utf8)),
                  (try? site.git(["-C", clone, "add", file]))?.status == 0,
                  (try? site.git(["-C", clone, "commit", "-q", "-m", "push \(number)"]))?.status == 0,
                  var head = try? Site.check(site.git(["-C", clone, "rev-parse", "HEAD"])) else { continue }
            let toMain = number.isMultiple(of: 2)
            // A web edit landing between the fetch and the push to main gets it refused ("fetch first"): rebase, retry.
            for _ in 0..<5 {
                let target = toMain ? "HEAD:refs/heads/main" : "HEAD:refs/for/main"
                if (try? site.git(["-C", clone, "push", "-q", url, target]))?.status == 0 {
                    acknowledged.update { $0.append((head.trimmingCharacters(in: .whitespacesAndNewlines), toMain)) }
                    break
                }
                guard (try? site.git(["-C", clone, "fetch", "-q", url, "main"]))?.status == 0,
                      (try? site.git(["-C", clone, "rebase", "-q", "FETCH_HEAD"]))?.status == 0,
                      let rebased = try? Site.check(site.git(["-C", clone, "rev-parse", "HEAD"])) else {
                    _ = try? site.git(["-C", clone, "rebase", "--abort"])
                    break
                }
                head = rebased
            }
        }
    }

    @Test("SIGKILL at random moments during edits and pushes: fsck clean, no acknowledged write lost, writes resume")
    func killNineWhileWriting() throws {
        let site = try Site()
        let edits = Locked<[(page: String, text: String)]>([])
        let pushes = Locked<[(commit: String, toMain: Bool)]>([])
        let writersDone = DispatchGroup()
        let loops: [@Sendable () -> Void] = [{ Self.editLoop(site, writer: 1, acknowledged: edits) },
                                             { Self.editLoop(site, writer: 2, acknowledged: edits) },
                                             { Self.pushLoop(site, acknowledged: pushes) }]
        for loop in loops {
            writersDone.enter()
            Thread.detachNewThread {
                loop()
                writersDone.leave()
            }
        }
        var generator = SystemRandomNumberGenerator()
        var recoveryLines: [String] = []
        // At least 8 kills, and more (30 at most) until some pushes and edits were acknowledged: on a loaded
        // machine a push (fetch, commit, push) can take longer than one round.
        var rounds = 0
        while rounds < 8 || (rounds < 30 && (pushes.get().count < 2 || edits.get().count < 5)) {
            rounds += 1
            let server = try ServeProcess(["--repo", site.repo, "--users", site.users, "--quiet"])
            site.port.store(server.port, ordering: .relaxed)
            Thread.sleep(forTimeInterval: Double.random(in: 0.5...2.5, using: &generator))
            site.port.store(0, ordering: .relaxed)
            server.kill()
            recoveryLines += server.stderrLines.filter { $0.contains("stale lock") }
        }
        site.stopping.store(true, ordering: .relaxed)
        writersDone.wait()

        // A last start recovers, and writes work again.
        let server = try ServeProcess(["--repo", site.repo, "--users", site.users, "--quiet"])
        let after = try Command.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-u", "admin:secret",
                                                      "--data-urlencode", "content=after the crashes", "--data-urlencode", "base=",
                                                      "http://127.0.0.1:\(server.port)/edit/crash/after"])
        server.stop()
        #expect(after.output == "303")

        let fsck = try site.git(["--git-dir=\(site.repo)", "fsck", "--full", "--no-progress"])
        #expect(fsck.status == 0, "git fsck: \(fsck.error)")
        #expect(!fsck.error.contains("error") && !fsck.error.contains("missing"), "git fsck: \(fsck.error)")
        let acknowledgedEdits = edits.get(), acknowledgedPushes = pushes.get()
        #expect(acknowledgedEdits.count >= 5, "too few edits were acknowledged to test anything")
        #expect(acknowledgedPushes.count >= 1, "no push was acknowledged")
        print("crash test: pushes acknowledged to main \(acknowledgedPushes.filter { $0.toMain }.count), "
              + "to refs/for/main \(acknowledgedPushes.filter { !$0.toMain }.count)")
        for (page, text) in acknowledgedEdits {
            let shown = try site.git(["--git-dir=\(site.repo)", "show", "main:\(page).md"])
            #expect(shown.status == 0 && shown.output == text, "acknowledged edit \(page) lost: \(shown.error)")
        }
        for (commit, toMain) in acknowledgedPushes {
            // A push to main must be in main's history; a proposal push in some proposal's.
            let holders = try site.git(["--git-dir=\(site.repo)", "for-each-ref", "--contains", commit, "--format=%(refname)",
                                        toMain ? "refs/heads/main" : "refs/proposals/"])
            #expect(holders.status == 0 && !holders.output.isEmpty, "acknowledged push \(commit) (to main: \(toMain)) is lost")
        }
        // No lock file survives the last start's recovery.
        let locks = try site.git(["--git-dir=\(site.repo)", "for-each-ref"])
        #expect(locks.status == 0)
        #expect(!FileManager.default.fileExists(atPath: site.repo + "/refs/heads/main.lock"))
        print("crash test: \(rounds) kills; \(acknowledgedEdits.count) edits and \(acknowledgedPushes.count) pushes acknowledged; "
              + "\(recoveryLines.count) stale-lock recoveries logged")
    }
}
