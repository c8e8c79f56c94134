import Foundation
import Testing
import WikiRender
import WikiStore
@testable import WikiHTTP

/// A real wiki served by the real app on 127.0.0.1:0 with a fixed clock (`now`), for the knowledge features.
/// The header `X-Test-User` (`reader`, `editor`, `maintainer`) signs a request in, as a session would.
final class KnowledgeSite {
    /// The CSRF token of every test session.
    static let csrf = "knowledge-csrf-token"
    static let users: [String: User] = [
        "reader": User(name: "rita", displayName: "Rita Reader", email: "rita@example.com", role: .reader, passwordHash: "x"),
        "editor": User(name: "ed", displayName: "Ed Itor", email: "ed@example.com", role: .editor, passwordHash: "x"),
        "maintainer": User(name: "mona", displayName: "Mona Main", email: "mona@example.com", role: .maintainer, passwordHash: "x"),
    ]

    let root: URL
    let wiki: Wiki
    let server: HTTPServer
    let app: WikiApp
    var port: Int { server.port }

    /// Creates the wiki with `pages` (one commit each, by name) served as of `now`.
    init(pages: [String: String] = [:], now: Date) throws {
        (root, wiki) = try TestSiteParts.seededWiki("knowledge", pages: pages, verb: "Write")
        app = WikiApp(wiki: wiki, theme: try Theme(directory: TestSiteParts.themeDirectory), settings: SiteSettings(title: "Ops"), now: { now })
        server = HTTPServer(configuration: TestSiteParts.configuration(workers: 2), responder: Identity(next: app.responder()))
        try server.start()
    }

    deinit {
        server.shutdown()
        server.run()
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes a page over whatever is there, as the web would.
    func save(_ name: String, _ text: String) throws { try TestSiteParts.save(name, text, in: wiki, verb: "Write") }

    /// One request on a fresh connection.
    func request(_ method: String, _ path: String, user: String? = nil, headers: [String: String] = [:],
                 body: String = "") throws -> TestClient.Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: wiki.test:8080\r\nConnection: close\r\n"
        if let user { head += "X-Test-User: \(user)\r\n" }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        if method == "POST" { head += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n" }
        let client = try TestClient(port: port)
        return try client.request(head + "\r\n" + body)
    }

    /// `GET path`.
    func get(_ path: String, user: String? = nil, headers: [String: String] = [:]) throws -> TestClient.Response {
        try request("GET", path, user: user, headers: headers)
    }

    /// A form post with the session's CSRF token unless `csrf` says otherwise.
    func post(_ path: String, user: String? = "editor", csrf: String? = KnowledgeSite.csrf,
              _ fields: [(String, String)] = []) throws -> TestClient.Response {
        let all = fields + (csrf.map { [("csrf", $0)] } ?? [])
        let body = all.map { "\(PercentEncoding.encodeQueryValue($0.0))=\(PercentEncoding.encodeQueryValue($0.1))" }.joined(separator: "&")
        return try request("POST", path, user: user, body: body)
    }

    /// Runs the real git CLI (no system or user configuration); throws with stderr on failure.
    @discardableResult
    func git(_ arguments: [String]) throws -> String {
        let result = try TestSiteParts.runGit(arguments, home: path("home"))
        guard result.status == 0 else {
            throw TestClient.Failure(description: "git \(arguments.joined(separator: " ")): \(result.error)")
        }
        return result.output
    }

    /// The number of commits on main.
    func commitCount() throws -> Int { try wiki.recentChanges(limit: 1000).count }

    /// A directory below the site's temporary root.
    func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    /// Signs requests in from `X-Test-User`, standing in for the session layer.
    private struct Identity: Responder {
        let next: any Responder
        func respond(to request: Request, context: inout RequestContext) throws -> Response {
            if let name = request.headers["X-Test-User"], let user = KnowledgeSite.users[name] {
                context.user = user
                context.authentication = .session
                context.csrfToken = KnowledgeSite.csrf
            }
            return try next.respond(to: request, context: &context)
        }
    }
}
