import Foundation
import Testing
import WikiRender
import WikiStore
@testable import WikiHTTP

/// A real wiki served by the real app on 127.0.0.1:0 with one user per role (contributor included), the real
/// `git` client for clones and pushes, and a restart that reopens the repository like a daemon restart.
final class ProposalSite {
    /// Every user's password.
    static let password = "proposal pass 7"
    /// Sign-in name and role; display names are "<Name> Q", emails "<name>@example.com".
    static let users: [(name: String, role: Role)] = [("rita", .reader), ("cora", .contributor), ("eddie", .editor), ("mona", .maintainer)]
    /// The first text of Home.
    static let home = "# Home\n\none\ntwo\nthree\nfour\nfive\nsix\n"

    let root: URL
    private(set) var wiki: Wiki
    private(set) var server: HTTPServer
    private let theme: Theme
    private let authenticator: Authenticator
    var port: Int { server.port }
    var url: String { "http://127.0.0.1:\(port)" }

    /// Creates the wiki with Home and starts serving it.
    init(file: StaticString = #filePath) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("opswiki-proposals-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
        wiki = try Wiki.create(at: root.appendingPathComponent("wiki.git").path)
        _ = try wiki.save(PageEdit(name: PageName("Home"), content: Array(Self.home.utf8), message: "Home", base: nil,
                                   author: Person(name: "Setup", email: "setup@example.com")))
        var lines = ""
        for user in Self.users {
            lines += try htpasswdLine("-5", user.name, Self.password)
                + ":\(user.role.rawValue):\(user.name)@example.com:\(user.name.capitalized) Q\n"
        }
        authenticator = Authenticator(users: try UsersFile(parsing: lines).users)
        let themeDirectory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
            .appendingPathComponent("../../themes/default").standardized.path
        theme = try Theme(directory: themeDirectory)
        server = try Self.serve(wiki, theme: theme, authenticator: authenticator)
    }

    deinit {
        server.shutdown()
        server.run()
        try? FileManager.default.removeItem(at: root)
    }

    /// Stops the server and serves the repository again through a freshly opened `Wiki`, as after a daemon restart.
    func restart() throws {
        server.shutdown()
        server.run()
        wiki = try Wiki.open(at: wiki.path)
        server = try Self.serve(wiki, theme: theme, authenticator: authenticator)
    }

    private static func serve(_ wiki: Wiki, theme: Theme, authenticator: Authenticator) throws -> HTTPServer {
        let app = WikiApp(wiki: wiki, theme: theme, settings: SiteSettings(title: "Proposal test", authenticator: authenticator))
        let server = HTTPServer(configuration: TestSiteParts.configuration(workers: 4), responder: app.responder())
        try server.start()
        return server
    }

    /// A browser signed in as `name` (nil: anonymous) and its CSRF token.
    func browser(_ name: String?) throws -> (Browser, String) {
        var browser = Browser(port: port)
        guard let name else { return (browser, "") }
        let csrf = try browser.signIn(name, password: Self.password)
        return (browser, csrf ?? "")
    }

    /// The `Authorization: Basic` header of `name`, as scripts send it.
    func basic(_ name: String) -> (String, String) {
        ("Authorization", "Basic " + Data("\(name):\(Self.password)".utf8).base64EncodedString())
    }

    /// A script's request: a form post with `name`'s HTTP Basic credentials and no session (no CSRF token needed).
    func script(_ method: String, _ path: String, form: [(String, String)], as name: String) throws -> TestClient.Response {
        var client = Browser(port: port)
        return try client.send(method, path, form: form, headers: [basic(name)])
    }

    /// The clone URL with `name`'s credentials.
    func gitURL(_ name: String) -> String {
        "http://\(name):\(Self.password.replacingOccurrences(of: " ", with: "%20"))@127.0.0.1:\(port)/wiki.git"
    }

    /// Runs git with no user or system configuration and no prompts, committing as "<name> Q"; throws on failure.
    @discardableResult
    func git(_ arguments: [String], as name: String = "cora", in directory: String? = nil) throws -> String {
        let result = try run(arguments, as: name, in: directory)
        guard result.status == 0 else { throw TestFailure("git \(arguments.joined(separator: " ")): \(result.output)") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs git like `git(_:as:in:)` and returns the status and the combined output.
    func run(_ arguments: [String], as name: String = "cora", in directory: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = (directory.map { ["-C", $0] } ?? []) + arguments
        let person = "\(name.capitalized) Q", email = "\(name)@example.com"
        process.environment = ["HOME": root.appendingPathComponent("home").path, "GIT_CONFIG_NOSYSTEM": "1",
                               "GIT_TERMINAL_PROMPT": "0", "PATH": "/usr/bin:/bin", "LC_ALL": "C",
                               "GIT_AUTHOR_NAME": person, "GIT_AUTHOR_EMAIL": email,
                               "GIT_COMMITTER_NAME": person, "GIT_COMMITTER_EMAIL": email]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// git on the served repository.
    @discardableResult
    func server(_ arguments: String...) throws -> String { try git(["--git-dir=\(wiki.path)"] + arguments) }

    /// A clone `name` of main, fresh.
    func clone(_ name: String = "clone") throws -> String {
        let directory = root.appendingPathComponent(name).path
        try? FileManager.default.removeItem(atPath: directory)
        try git(["clone", "-q", "\(url)/wiki.git", directory])
        return directory
    }

    /// Writes `text` to `file` in `clone` and commits it as `name`; returns the commit id.
    @discardableResult
    func commit(in clone: String, file: String, text: String, as name: String = "cora", message: String) throws -> String {
        try Data(text.utf8).write(to: URL(fileURLWithPath: clone).appendingPathComponent(file))
        try git(["add", file], as: name, in: clone)
        try git(["commit", "-q", "-m", message], as: name, in: clone)
        return try git(["rev-parse", "HEAD"], in: clone)
    }

    /// Pushes HEAD of `clone` to refs/for/main as `name` with push options; returns git's output.
    @discardableResult
    func propose(from clone: String, as name: String = "cora", options: [String] = []) throws -> String {
        try git(["push", gitURL(name), "HEAD:refs/for/main"] + options.flatMap { ["-o", $0] }, as: name, in: clone)
    }

    /// Main's tip as 40 hex digits.
    func tip() throws -> String { try wiki.head()?.description ?? "" }
}

/// A failed precondition of a test, with a message.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
