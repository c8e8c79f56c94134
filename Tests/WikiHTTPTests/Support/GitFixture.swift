import Foundation
import Synchronization
import WikiHTTP
import WikiStore

/// A real wiki in a temporary directory served by a real `HTTPServer` with the git routes, plus the real git CLI.
final class GitFixture: Sendable {
    /// The temporary directory: the repository, clones and a HOME for git.
    let root: URL
    /// The wiki served.
    let wiki: Wiki
    /// The server on 127.0.0.1:0.
    let server: HTTPServer
    /// Pushes seen by `afterPush`.
    let pushes = PushLog()

    /// Records `afterPush` calls.
    final class PushLog: Sendable {
        private let results = Mutex<[PushResult]>([])
        func append(_ result: PushResult) { results.withLock { $0.append(result) } }
        var all: [PushResult] { results.withLock { $0 } }
    }

    /// Creates a wiki with `pages` (one commit each) and an annotated tag `v1`, served with `permissions`.
    init(pages: [String: String] = ["Home": "welcome\n", "runbooks/db": "steps\n"], permissions: PushPermissions) throws {
        (root, wiki) = try TestSiteParts.seededWiki("git", pages: pages, verb: "Add",
                                                    author: Person(name: "Web Author", email: "web@example.com"))
        let configuration = TestSiteParts.configuration(workers: 4)
        var router = Router()
        let log = pushes
        GitHandlers(wiki: wiki, pushPermissions: { _, _ in permissions }, afterPush: { log.append($0) }).register(in: &router)
        server = HTTPServer(configuration: configuration, responder: router.freeze())
        try server.start()
        if !pages.isEmpty { try git(["--git-dir=\(wiki.path)", "tag", "-a", "v1", "-m", "release one", "main"]) }
    }

    deinit {
        server.shutdown()
        server.run()
        try? FileManager.default.removeItem(at: root)
    }

    /// The clone URL.
    var url: String { "http://127.0.0.1:\(server.port)/wiki.git" }

    /// The directory `name` below the fixture's root.
    func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    /// Runs git with no system or user configuration; returns status, stdout and stderr.
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String, error: String) {
        try TestSiteParts.runGit(arguments, home: path("home"), environment: environment)
    }

    /// Runs git and returns stdout; throws with git's stderr on failure.
    @discardableResult
    func git(_ arguments: [String]) throws -> String {
        let result = try run(arguments)
        guard result.status == 0 else { throw GitFailure(description: "git \(arguments.joined(separator: " ")): \(result.error)") }
        return result.output
    }

    /// git on the served repository.
    @discardableResult
    func server(_ arguments: String...) throws -> String { try git(["--git-dir=\(wiki.path)"] + arguments) }

    /// git inside the clone `name`.
    @discardableResult
    func clone(_ name: String, _ arguments: String...) throws -> String { try git(["-C", path(name)] + arguments) }

    /// Commits `text` as `file` in the clone `name`; returns the new HEAD.
    @discardableResult
    func commit(in name: String, file: String, text: String) throws -> String {
        try Data(text.utf8).write(to: root.appendingPathComponent(name).appendingPathComponent(file))
        try clone(name, "add", file)
        try clone(name, "commit", "-q", "-m", "Edit \(file)")
        return try clone(name, "rev-parse", "HEAD")
    }

    /// The files in the served repository's `objects/pack`.
    func packFiles() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: wiki.path + "/objects/pack").sorted() }

    /// Main's tip as 40 hex digits.
    func tip() throws -> String { try wiki.head()?.description ?? "" }
}

/// A git command that failed, with its stderr.
struct GitFailure: Error, CustomStringConvertible { let description: String }
