import Foundation
@testable import WikiHTTP
import WikiRender
import WikiStore

/// Sets the request's identity from the test header `X-Test-User` (`editor`, `reader`), as the auth layer
/// (issue 5) will from a session: a test identity wrapped around the real app, not a mock of HTTP or git.
struct TestIdentityResponder: Responder {
    /// The CSRF token every test session has.
    static let csrf = "test-csrf-token-0123456789"
    static let users: [String: User] = [
        "editor": User(name: "ed", displayName: "Ed Itor", email: "ed@example.com", role: .editor, passwordHash: "x"),
        "reader": User(name: "rita", displayName: "Rita Reader", email: "rita@example.com", role: .reader, passwordHash: "x"),
    ]
    let inner: any Responder

    func respond(to request: Request, context: inout RequestContext) throws -> Response {
        if let name = request.headers["X-Test-User"], let user = Self.users[name] {
            context.user = user
            context.authentication = .session
            context.csrfToken = Self.csrf
        }
        return try inner.respond(to: request, context: &context)
    }
}

/// A real wiki in a temporary directory served by the real app on 127.0.0.1:0.
final class WikiTestServer {
    let root: URL
    let wiki: Wiki
    let server: HTTPServer
    var port: Int { server.port }

    /// Creates the wiki with `pages` (one commit each, by name) and starts serving it.
    init(pages: [String: String] = [:], anonymousRead: Bool = true) throws {
        (root, wiki) = try TestSiteParts.seededWiki("http", pages: pages)
        var settings = SiteSettings()
        settings.anonymousRead = anonymousRead
        let app = WikiApp(wiki: wiki, theme: try Theme(directory: TestSiteParts.themeDirectory), settings: settings)
        server = HTTPServer(configuration: TestSiteParts.configuration(workers: 4), responder: TestIdentityResponder(inner: app.responder()))
        try server.start()
    }

    deinit {
        server.shutdown()
        server.run()
        try? FileManager.default.removeItem(at: root)
    }

    /// One request on a fresh connection; `user` sets the test identity.
    func request(_ method: String, _ path: String, user: String? = nil, headers: [String: String] = [:],
                 body: [UInt8] = []) throws -> TestClient.Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
        if let user { head += "X-Test-User: \(user)\r\n" }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        if method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        let client = try TestClient(port: port)
        try client.send(Array((head + "\r\n").utf8) + body)
        return try client.readResponse()
    }

    /// A urlencoded form post; the test CSRF token is added unless `csrf` says otherwise.
    func post(_ path: String, user: String? = "editor", csrf: String? = TestIdentityResponder.csrf,
              _ fields: [(String, String)]) throws -> TestClient.Response {
        let all = fields + (csrf.map { [("csrf", $0)] } ?? [])
        let body = all.map { "\(PercentEncoding.encodeQueryValue($0.0))=\(PercentEncoding.encodeQueryValue($0.1))" }.joined(separator: "&")
        return try request("POST", path, user: user, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                           body: Array(body.utf8))
    }

    /// A multipart post with one file field `file` and text fields.
    func upload(_ path: String, fileName: String, bytes: [UInt8], fields: [(String, String)] = [],
                user: String = "editor") throws -> TestClient.Response {
        let boundary = "testboundary7MA4YWxkTrZu0gW"
        var body: [UInt8] = []
        for (name, value) in fields + [("csrf", TestIdentityResponder.csrf)] {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        return try request("POST", path, user: user, headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"], body: body)
    }

    /// The number of commits on main.
    func commitCount() throws -> Int {
        guard try wiki.head() != nil else { return 0 }
        return try wiki.recentChanges(limit: Wiki.maximumLimit).count
    }

    /// The newest commit on main.
    func newest() throws -> Commit {
        guard let commit = try wiki.recentChanges(limit: 1).first?.commit else { throw TestClient.Failure(description: "no commits") }
        return commit
    }
}
