import Foundation
import Testing
import WikiStore
@testable import WikiHTTP

/// `GET /commit/{rev}.patch` over a real server, checked with the real `git am`, and the 422 of a patch that does not apply.
@Suite struct PatchRouteTests {
    @Test("The .patch of a commit is an application/mbox that git am applies to the parent: same tree, author, message")
    func mboxAppliesWithGitAm() throws {
        let site = try ReadingSite()
        let parent = try site.save("Home", "one\ntwo\n", message: "First")
        let commit = try site.save("Home", "one\nTWO\nthree\n", author: "Jörg Müller", message: "Füx the second line\n\nBecause it was wrong.")
        let response = try site.get("/commit/\(commit.shortID).patch")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/mbox")
        #expect(response.header("Content-Disposition") == "inline; filename=\"\(commit.shortID).patch\"")
        #expect(response.text.hasPrefix("From \(commit.id) Mon Sep 17 00:00:00 2001\nFrom: =?UTF-8?q?J=C3=B6rg=20M=C3=BCller?= <jörgmüller@example.com>\n"))

        let work = site.directory + "-work"
        defer { try? FileManager.default.removeItem(atPath: work) }
        try git(["clone", "-q", site.directory, work])
        try git(["-C", work, "checkout", "-q", parent.id.description])
        try Data(response.body).write(to: URL(fileURLWithPath: work + ".mbox"))
        defer { try? FileManager.default.removeItem(atPath: work + ".mbox") }
        try git(["-C", work, "am", "-q", work + ".mbox"])
        #expect(try git(["-C", work, "rev-parse", "HEAD^{tree}"]) == (try git(["-C", work, "rev-parse", "\(commit.id)^{tree}"])))
        let format = "--format=%an|%ae|%at|%B"
        #expect(try git(["-C", work, "log", "-1", format, "HEAD"]) == (try git(["-C", work, "log", "-1", format, commit.id.description])))
    }

    @Test("A root commit exports; the ETag answers 304; unknown is 404, malformed 400; /commit/{rev} still serves HTML")
    func statuses() throws {
        let site = try ReadingSite()
        let root = try site.save("Home", "hello\n", message: "First")
        let response = try site.get("/commit/\(root.id).patch")
        #expect(response.status == 200)
        #expect(response.text.contains("\n+hello\n"))
        let tag = try #require(response.header("ETag"))
        #expect(try site.get("/commit/\(root.id).patch", "If-None-Match: \(tag)\r\n").status == 304)
        #expect(try site.get("/commit/0123456789abcdef.patch").status == 404)
        #expect(try site.get("/commit/not-a-rev.patch").status == 400)
        let page = try site.get("/commit/\(root.id)")
        #expect(page.status == 200)
        #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
    }

    @Test("A patch that does not apply is 422 and names the patch, file and hunk, escaped", arguments: [
        (StoreError.patchDoesNotApply(file: "a<b>.md", hunk: "@@ -22,7 +22,7 @@", patch: 2),
         "Patch 2 does not apply: hunk @@ -22,7 +22,7 @@ of a&lt;b&gt;.md does not match."),
        (StoreError.patchDoesNotApply(file: "New.md", hunk: "", patch: 1),
         "Patch 1 does not apply: New.md is missing, or already exists when the patch creates it."),
    ])
    func doesNotApplyIs422(_ error: StoreError, _ message: String) {
        let response = ErrorResponder.response(for: error, accept: "text/html", logger: .silent)
        #expect(response.status == .unprocessableContent)
        guard case .bytes(let body) = response.body else { Issue.record("expected a byte body"); return }
        #expect(String(decoding: body, as: UTF8.self).contains("<p>\(message)</p>"))
    }

    /// Runs git with no user or system configuration and returns its stdout; throws on failure.
    @discardableResult
    private func git(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging([
            "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_COMMITTER_NAME": "CLI Committer", "GIT_COMMITTER_EMAIL": "cli@example.com",
        ]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestClient.Failure(description: "git \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
