import Foundation

/// Writes commits the way a crafted `git push` could, with the real git CLI: any author name (libgit2
/// refuses `<` and `>` in signatures; a pusher's own git need not) and any message, changing one page.
struct HostileCommits {
    /// The bare repository.
    let repository: String

    /// Commits `content` as `page`.md on top of main, by `author` with `message`; returns the new commit id.
    @discardableResult
    func commit(page: String, content: String, author: String, message: String) throws -> String {
        let parent = try git(["rev-parse", "refs/heads/main"])
        let blob = try git(["hash-object", "-w", "--stdin"], input: content)
        let index = NSTemporaryDirectory() + "opswiki-index-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: index) }
        try git(["read-tree", "refs/heads/main"], index: index)
        try git(["update-index", "--add", "--cacheinfo", "100644,\(blob),\(page).md"], index: index)
        let tree = try git(["write-tree"], index: index)
        // An identity line cannot hold a newline or NUL; everything else is kept.
        let name = author.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: "\u{0}", with: "")
        let object = "tree \(tree)\nparent \(parent)\nauthor \(name) <x@example.com> 1700000000 +0000\n"
            + "committer opswiki <wiki@example.com> 1700000000 +0000\n\n\(message.replacingOccurrences(of: "\u{0}", with: ""))\n"
        let id = try git(["hash-object", "-t", "commit", "-w", "--literally", "--stdin"], input: object)
        try git(["update-ref", "refs/heads/main", id, parent])
        return id
    }

    @discardableResult
    private func git(_ arguments: [String], input: String? = nil, index: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "--git-dir=\(repository)"] + arguments
        var environment = ProcessInfo.processInfo.environment
        if let index { environment["GIT_INDEX_FILE"] = index }
        process.environment = environment
        let output = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestClient.Failure(description: "git \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
