import Foundation
@testable import WikiHTTP
import WikiStore

/// What the test sites share: a temporary directory with a seeded wiki, the repository's default theme, and a
/// quiet server configuration on 127.0.0.1:0.
enum TestSiteParts {
    /// The repository's `themes/default`.
    static let themeDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes/default").path

    /// A new temporary directory named after `kind`, holding `wiki.git` with `pages` saved one commit each in
    /// name order, by `author`, with the message `"<verb> <name>"`.
    static func seededWiki(_ kind: String, pages: [String: String], verb: String = "Seed",
                           author: Person = Person(name: "Seeder", email: "seed@example.com")) throws -> (root: URL, wiki: Wiki) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("opswiki-\(kind)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
        let wiki = try Wiki.create(at: root.appendingPathComponent("wiki.git").path)
        for (name, text) in pages.sorted(by: { $0.key < $1.key }) { try save(name, text, in: wiki, verb: verb, author: author) }
        return (root, wiki)
    }

    /// Commits `text` as page `name` over whatever is there, straight to the repository.
    static func save(_ name: String, _ text: String, in wiki: Wiki, verb: String = "Save",
                     author: Person = Person(name: "Seeder", email: "seed@example.com")) throws {
        let edit = PageEdit(name: try PageName(name), content: Array(text.utf8), message: "\(verb) \(name)",
                            base: try wiki.head(), author: author)
        guard case .committed = try wiki.save(edit) else { throw TestClient.Failure(description: "saving \(name) did not commit") }
    }

    /// Runs the real git CLI with no system or user configuration, `home` as HOME and "CLI Author" as author
    /// and committer (`environment` adds or overrides); the status, stdout without surrounding whitespace, stderr.
    static func runGit(_ arguments: [String], home: String, environment: [String: String] = [:]) throws
        -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        process.environment = ["GIT_CONFIG_NOSYSTEM": "1", "HOME": home, "PATH": "/usr/bin:/bin", "LC_ALL": "C",
                               "GIT_TERMINAL_PROMPT": "0", "GIT_AUTHOR_NAME": "CLI Author", "GIT_AUTHOR_EMAIL": "cli@example.com",
                               "GIT_COMMITTER_NAME": "CLI Author", "GIT_COMMITTER_EMAIL": "cli@example.com"].merging(environment) { $1 }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines),
                String(decoding: errData, as: UTF8.self))
    }

    /// Port 0, one event loop, `workers` handler threads, no log lines.
    static func configuration(workers: Int) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.workerThreads = workers
        configuration.eventLoopThreads = 1
        configuration.logger = .silent
        return configuration
    }
}
