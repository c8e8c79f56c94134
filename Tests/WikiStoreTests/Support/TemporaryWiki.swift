import Foundation
import Testing
@testable import WikiStore

/// A real bare wiki in a temporary directory, removed in `deinit`, with the real `git` CLI beside it.
final class TemporaryWiki: Sendable {
    /// The temporary directory (the repository, and a HOME for git).
    let root: URL
    /// The wiki under test.
    let wiki: Wiki
    /// The author of test edits.
    static let author = Person(name: "Test Author", email: "author@example.com")

    /// Creates the wiki and commits `pages` (name → text) one commit each, in key order.
    init(pages: [String: String] = [:], file: StaticString = #filePath) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("opswiki-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
        wiki = try Wiki.create(at: root.appendingPathComponent("wiki.git").path)
        for (name, text) in pages.sorted(by: { $0.key < $1.key }) {
            _ = try save(name, text, base: try wiki.head())
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// The repository path.
    var path: String { wiki.path }

    /// Saves `text` as page `name` based on `base`.
    @discardableResult
    func save(_ name: String, _ text: String, base: Revision?, author: Person = TemporaryWiki.author,
              message: String = "") throws -> WriteOutcome {
        try wiki.save(PageEdit(name: PageName(name), content: Array(text.utf8), message: message, base: base, author: author))
    }

    /// The text of page `name` at the tip.
    func text(_ name: String) throws -> String { try wiki.page(PageName(name)).text }

    /// The tip, which a test expects to exist.
    func tip() throws -> Revision {
        guard let tip = try wiki.head() else { throw TestFailure("main is unborn") }
        return tip
    }

    /// Runs `git --git-dir=<repo> args…` with no system or user config and returns stdout; throws on a non-zero exit.
    @discardableResult
    func git(_ arguments: String...) throws -> String {
        let result = try runGit(arguments)
        guard result.status == 0 else { throw TestFailure("git \(arguments.joined(separator: " ")) failed: \(result.error)") }
        return result.output
    }

    /// Runs git (with `input` on stdin and extra environment) and returns its exit status, stdout and stderr.
    func runGit(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:],
                inRepository: Bool = true) throws
        -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = (inRepository ? ["--git-dir=\(path)"] : []) + arguments
        // No system config and a private HOME: nothing of the machine's git configuration leaks into the comparison.
        process.environment = [
            "GIT_CONFIG_NOSYSTEM": "1", "HOME": root.appendingPathComponent("home").path, "PATH": "/usr/bin:/bin",
            "GIT_AUTHOR_NAME": "CLI Author", "GIT_AUTHOR_EMAIL": "cli@example.com",
            "GIT_COMMITTER_NAME": "CLI Committer", "GIT_COMMITTER_EMAIL": "cli@example.com", "LC_ALL": "C",
        ].merging(extra) { $1 }
        let output = Pipe(), error = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data((input ?? "").utf8))
        try stdin.fileHandleForWriting.close()
        // Read before waiting so a large output cannot fill the pipe and block git.
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// The number of commits on main, counted by the real git.
    func commitCount() throws -> Int {
        guard try wiki.head() != nil else { return 0 }
        return Int(try git("rev-list", "--count", "main").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Records an issue unless `git fsck --full` accepts every object of the repository.
    func expectConsistent(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try runGit(["fsck", "--full", "--no-dangling"])
        #expect(result.status == 0, "git fsck --full: \(result.output) \(result.error)", sourceLocation: sourceLocation)
        #expect(!result.error.contains("error"), "git fsck --full: \(result.error)", sourceLocation: sourceLocation)
    }
}

/// Runs `body` on a fresh temporary wiki and checks it with `git fsck --full` afterwards.
func withWiki(pages: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation,
              _ body: (TemporaryWiki) throws -> Void) throws {
    let wiki = try TemporaryWiki(pages: pages)
    try body(wiki)
    try wiki.expectConsistent(sourceLocation: sourceLocation)
}

/// A failed precondition of a test, with a message.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
