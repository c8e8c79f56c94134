import Foundation
import Testing
@testable import WikiHTTP

/// The real `git` client against HTTP Basic and roles: anonymous clone works, pushing to main needs a
/// maintainer, and a refused push leaves main as it was.
@Suite(.serialized)
struct AuthGitTests {
    /// Runs git in `directory` with no user or system configuration and no prompts; returns the exit status.
    @discardableResult
    private func git(_ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-c", "user.name=Tester", "-c", "user.email=tester@example.com"] + arguments
        process.currentDirectoryURL = directory
        process.environment = ["HOME": directory.path, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0",
                               "PATH": "/usr/bin:/bin"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test("git push to main: anonymous 401, wrong password, reader and editor refused; maintainer lands")
    func pushByRole() throws {
        let site = try AuthSite()
        let work = site.root.appendingPathComponent("clone")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let clone = try git(["clone", "-q", "http://127.0.0.1:\(site.port)/wiki.git", "wiki"], in: work)
        #expect(clone.status == 0, "\(clone.output)")
        let repository = work.appendingPathComponent("wiki")
        try "# Pushed\n".write(to: repository.appendingPathComponent("Pushed.md"), atomically: true, encoding: .utf8)
        try git(["add", "Pushed.md"], in: repository)
        try git(["commit", "-q", "-m", "Pushed page"], in: repository)

        let password = AuthSite.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let before = try site.commitCount()
        // Each refusal for its own reason: no credentials, wrong ones, a reader (403), an editor (main is
        // for maintainers; git reports the server's refusal).
        let refusals = [("", "could not read Username"), ("eddie:wrong@", "Authentication failed"),
                        ("rita:\(password)@", "403"), ("eddie:\(password)@", "rejected")]
        for (credentials, reason) in refusals {
            let push = try git(["push", "-q", "http://\(credentials)127.0.0.1:\(site.port)/wiki.git", "HEAD:main"], in: repository)
            #expect(push.status != 0, "push as '\(credentials)' should be refused: \(push.output)")
            #expect(push.output.contains(reason), "push as '\(credentials)': \(push.output)")
            #expect(try site.commitCount() == before)
        }
        let push = try git(["push", "-q", "http://mona:\(password)@127.0.0.1:\(site.port)/wiki.git", "HEAD:main"], in: repository)
        #expect(push.status == 0, "\(push.output)")
        #expect(try site.commitCount() == before + 1)
    }
}
