import Foundation
import WikiRender
import WikiStore
@testable import WikiHTTP

/// A real wiki served by the app's own responder, exactly as `opswiki serve` does (so the response cache
/// is on), with one editor who signs in with a password, for the response-cache tests.
final class CachingSite {
    /// The editor's name and password.
    static let editor = "eddie", password = "cache test pass"

    let root: URL
    let wiki: Wiki
    let server: HTTPServer
    var port: Int { server.port }

    /// Creates the wiki with `pages` (one commit each) and starts serving it. `patient` makes the cache trust
    /// main's tip and its entries for a minute, so only writes through the server (never the clock) change them.
    init(pages: [String: String], patient: Bool = true) throws {
        (root, wiki) = try TestSiteParts.seededWiki("cache", pages: pages)
        let usersPath = root.appendingPathComponent("users").path
        try (htpasswdLine("-5", Self.editor, Self.password) + ":editor:\(Self.editor)@example.com:Eddie Cachewriter\n")
            .write(toFile: usersPath, atomically: true, encoding: .utf8)
        let authenticator = Authenticator(users: try UsersFile(contentsOf: usersPath).users)
        let app = WikiApp(wiki: wiki, theme: try Theme(directory: TestSiteParts.themeDirectory),
                          settings: SiteSettings(title: "Cache test", anonymousRead: true, authenticator: authenticator))
        var configuration = TestSiteParts.configuration(workers: 2)
        if patient {
            configuration.responseCacheRecheck = .seconds(60)
            configuration.responseCacheLifetime = .seconds(60)
        }
        server = HTTPServer(configuration: configuration, responder: app.responder())
        try server.start()
    }

    deinit {
        server.shutdown()
        server.run()
        try? FileManager.default.removeItem(at: root)
    }

    /// Commits `text` as page `name` straight to the repository, as another process would.
    func save(_ name: String, _ text: String) throws {
        try TestSiteParts.save(name, text, in: wiki, author: Person(name: "Outside", email: "outside@example.com"))
    }

    /// Requests answered from the cache so far.
    var hits: Int { server.responseCache.map { Int($0.counters.hits) } ?? -1 }

    /// An anonymous `GET` (or `method`) on a fresh connection, with extra header lines.
    func anonymous(_ path: String, method: String = "GET", headers: String = "") throws -> TestClient.Response {
        try TestClient(port: port).request("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(headers)Connection: close\r\n\r\n",
                                           head: method == "HEAD")
    }
}
