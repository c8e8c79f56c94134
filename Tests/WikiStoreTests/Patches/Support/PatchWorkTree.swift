import Foundation
@testable import WikiStore

/// A git repository with a working tree in a temporary directory, where the real `git` CLI makes
/// commits and `git format-patch` mboxes to feed the patch machinery. Removed in `deinit`.
final class PatchWorkTree {
    /// The temporary directory: `work/` is the repository, `home/` git's HOME.
    let root: URL
    /// The working tree.
    var directory: URL { root.appendingPathComponent("work") }

    /// Creates an empty repository on branch main.
    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("opswiki-patch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try git("init", "-q", "-b", "main")
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Writes `text` to `path` in the working tree, creating folders.
    func write(_ path: String, _ text: String) throws {
        let url = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Stages everything and commits as `author` at `date` (ISO 8601 with zone, as git accepts it).
    func commit(_ message: String, author: (name: String, email: String) = ("Ada Lovelace", "ada@example.com"),
                date: String = "2024-03-01T10:00:00+0000") throws {
        try git("add", "-A")
        try git("commit", "-q", "--allow-empty-message", "-m", message, environment: [
            "GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email, "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
        ])
    }

    /// `git format-patch --stdout <arguments>` as bytes.
    func formatPatch(_ arguments: String...) throws -> [UInt8] {
        try run(["format-patch", "--stdout"] + arguments)
    }

    /// Runs git in the working tree and returns stdout as text; throws on a non-zero exit.
    @discardableResult
    func git(_ arguments: String..., environment: [String: String] = [:]) throws -> String {
        String(decoding: try run(arguments, environment: environment), as: UTF8.self)
    }

    /// Runs git in the working tree with no system or user configuration; returns stdout, throws on failure.
    func run(_ arguments: [String], environment extra: [String: String] = [:], input: [UInt8] = []) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = [
            "GIT_CONFIG_NOSYSTEM": "1", "HOME": root.appendingPathComponent("home").path, "PATH": "/usr/bin:/bin",
            "GIT_AUTHOR_NAME": "Ada Lovelace", "GIT_AUTHOR_EMAIL": "ada@example.com",
            "GIT_COMMITTER_NAME": "CLI Committer", "GIT_COMMITTER_EMAIL": "cli@example.com", "LC_ALL": "C.UTF-8",
        ].merging(extra) { $1 }
        let output = Pipe(), error = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        // Read before waiting so a large output cannot fill the pipe and block git.
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("git \(arguments.joined(separator: " ")) failed: \(String(decoding: errData, as: UTF8.self))")
        }
        return Array(outData)
    }
}
