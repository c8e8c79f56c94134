import Foundation
import Testing
import WikiRender
import WikiStore
@testable import WikiHTTP

/// A real wiki (bare repo in a temp dir) served by the real app on 127.0.0.1:0, with a users file whose
/// hashes come from Apache's `htpasswd`, plus a browser-like client that keeps the session cookie.
final class AuthSite {
    /// Every test user's password.
    static let password = "correct horse ☃"
    /// The users: name, htpasswd flag (bcrypt or sha-crypt), role.
    static let users: [(name: String, flag: String, role: Role)] = [
        ("rita", "-5", .reader), ("eddie", "-B", .editor), ("mona", "-B", .maintainer),
    ]

    let root: URL
    let wiki: Wiki
    let app: WikiApp
    let server: HTTPServer
    var port: Int { server.port }
    /// The commit that created `Page-<visitor>`, by visitor (`anonymous`, `reader`, `editor`, `maintainer`).
    let created: [String: String]

    /// Starts the site; `configure` adjusts the authenticator's configuration, `anonymousRead` the site's.
    init(anonymousRead: Bool = true, configure: (inout Authenticator.Configuration) -> Void = { _ in },
         file: StaticString = #filePath) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("opswiki-auth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        wiki = try Wiki.create(at: root.appendingPathComponent("wiki.git").path)
        _ = try wiki.save(PageEdit(name: PageName("Home"), content: Array("# Home\n\nWelcome.\n".utf8), message: "Home",
                                   base: nil, author: Person(name: "Setup", email: "setup@example.com")))
        // One page per visitor of the role matrix, so each visitor's write has its own target.
        var created: [String: String] = [:]
        for visitor in ["anonymous", "reader", "editor", "maintainer"] {
            let edit = PageEdit(name: try PageName("Page-\(visitor)"), content: Array("# \(visitor)\n".utf8), message: visitor,
                                base: try wiki.head(), author: Person(name: "Setup", email: "setup@example.com"))
            if case .committed(let revision) = try wiki.save(edit) { created[visitor] = revision.id.description }
        }
        self.created = created
        var lines = ""
        for user in Self.users {
            lines += try Self.htpasswd(user.flag, user.name) + ":\(user.role.rawValue):\(user.name)@example.com:\(user.name.capitalized) Q\n"
        }
        let usersPath = root.appendingPathComponent("users").path
        try lines.write(toFile: usersPath, atomically: true, encoding: .utf8)
        var configuration = Authenticator.Configuration()
        configure(&configuration)
        let authenticator = Authenticator(users: try UsersFile(contentsOf: usersPath).users, configuration: configuration)
        let themeDirectory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
            .appendingPathComponent("../../themes/default").standardized.path
        app = WikiApp(wiki: wiki, theme: try Theme(directory: themeDirectory),
                      settings: SiteSettings(title: "Auth test", anonymousRead: anonymousRead, authenticator: authenticator))
        var serverConfiguration = ServerConfiguration()
        serverConfiguration.port = 0
        serverConfiguration.workerThreads = 4
        serverConfiguration.eventLoopThreads = 1
        serverConfiguration.logger = .silent
        server = HTTPServer(configuration: serverConfiguration, responder: Self.responder(for: app))
        try server.start()
    }

    deinit {
        server.shutdown()
        server.run()
        try? FileManager.default.removeItem(at: root)
    }

    /// The app's own routes plus two probes built the way every handler must be: `GET /probe/form`
    /// (editor-only page) and `POST /probe/save` (editor-only write: require, verifyCSRF, one commit).
    static func responder(for app: WikiApp) -> any Responder {
        var router = Router()
        router.get("/probe/form") { _, context in
            try app.require(.editor, context)
            return .text("form")
        }
        router.post("/probe/save") { request, context in
            try app.require(.editor, context)
            let form = try FormData(request: request)
            try app.verifyCSRF(form, context)
            let author = Person(name: context.user?.displayName ?? "", email: context.user?.email ?? "")
            _ = try app.wiki.save(PageEdit(name: PageName("Probe"), content: Array((form["content"] ?? "").utf8),
                                           message: "probe", base: try app.wiki.head(), author: author))
            return .redirect(to: "/wiki/Probe")
        }
        return ProbeResponder(site: app.responder(), probes: AppResponder(app: app, routes: router.freeze()))
    }

    /// The number of commits on main.
    func commitCount() throws -> Int { try wiki.recentChanges(limit: 1000).count }

    /// A `name:hash` line from the real htpasswd tool.
    static func htpasswd(_ flag: String, _ name: String) throws -> String {
        try htpasswdLine(flag, name, password)
    }

    /// A client that keeps the `opswiki_session` cookie like a browser and sends `Accept: text/html`.
    func browser() -> Browser { Browser(port: port) }
}

/// One visitor: sends requests on fresh connections and keeps the session cookie.
struct Browser {
    let port: Int
    var session: String?
    var extraHeaders: [(String, String)] = []

    /// Sends one request; the Set-Cookie of the answer updates `session`.
    @discardableResult
    mutating func send(_ method: String, _ path: String, form: [(String, String)]? = nil, multipart: Bool = false,
                       headers: [(String, String)] = []) throws -> TestClient.Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if !(extraHeaders + headers).contains(where: { $0.0 == "Accept" }) { head += "Accept: text/html\r\n" }
        if let session { head += "Cookie: \(Authenticator.cookieName)=\(session)\r\n" }
        for (name, value) in extraHeaders + headers { head += "\(name): \(value)\r\n" }
        var body = ""
        if let form, multipart {
            // A field called `file` is sent as a file part, as a browser's file input is.
            let boundary = "auth-test-boundary-7d41"
            for (name, value) in form {
                let disposition = name == "file" ? "name=\"file\"; filename=\"probe.txt\"" : "name=\"\(name)\""
                body += "--\(boundary)\r\nContent-Disposition: form-data; \(disposition)\r\n\r\n\(value)\r\n"
            }
            body += "--\(boundary)--\r\n"
            head += "Content-Type: multipart/form-data; boundary=\(boundary)\r\nContent-Length: \(body.utf8.count)\r\n"
        } else if let form {
            body = form.map { "\(PercentEncoding.encodeQueryValue($0.0))=\(PercentEncoding.encodeQueryValue($0.1))" }
                .joined(separator: "&")
            head += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n"
        }
        let client = try TestClient(port: port)
        let response = try client.request(head + "\r\n" + body)
        for (name, value) in response.headers where name.lowercased() == "set-cookie" {
            guard value.hasPrefix(Authenticator.cookieName + "=") else { continue }
            let cookie = value.dropFirst(Authenticator.cookieName.count + 1).prefix { $0 != ";" }
            session = value.contains("Max-Age=0") ? nil : String(cookie)
        }
        return response
    }

    /// The CSRF token in a page's forms (`name="csrf" value="…"`), or nil.
    static func csrf(in page: TestClient.Response) -> String? {
        guard let range = page.text.range(of: "name=\"csrf\" value=\"") else { return nil }
        let token = page.text[range.upperBound...].prefix { $0 != "\"" }
        return token.isEmpty ? nil : String(token)
    }

    /// Loads the sign-in form and signs in as `name`; returns the session's CSRF token.
    @discardableResult
    mutating func signIn(_ name: String, password: String = AuthSite.password) throws -> String? {
        let form = try send("GET", "/login")
        try send("POST", "/login", form: [("csrf", Self.csrf(in: form) ?? ""), ("username", name), ("password", password)])
        return Self.csrf(in: try send("GET", "/wiki/Home"))
    }
}

/// The site's own responder, with `/probe/*` answered by the probe routes behind the same auth layer.
struct ProbeResponder: Responder {
    let site: any Responder
    let probes: any Responder

    func respond(to request: Request, context: inout RequestContext) throws -> Response {
        try (request.path.hasPrefix("/probe/") ? probes : site).respond(to: request, context: &context)
    }
}
