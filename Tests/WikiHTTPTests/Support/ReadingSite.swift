import Foundation
import Testing
import WikiRender
import WikiStore
@testable import WikiHTTP

/// A real wiki in a temporary directory, served by the real `WikiApp` with the checkout's default theme on
/// 127.0.0.1:0, for the tests of the reading routes (history, diff, blame, commit, pages, changes, files).
final class ReadingSite {
    let directory: String
    let wiki: Wiki
    let server: HTTPServer

    /// Creates an empty wiki and starts serving it; every request comes from `user` (signed in by a session whose
    /// CSRF token is `csrf`) when one is given. `anonymousRead` is the site setting.
    init(user: User? = nil, anonymousRead: Bool = true) throws {
        directory = NSTemporaryDirectory() + "opswiki-reading-" + UUID().uuidString
        wiki = try Wiki.create(at: directory)
        let theme = try Theme(directory: TestSiteParts.themeDirectory)
        let app = WikiApp(wiki: wiki, theme: theme, settings: SiteSettings(title: "Test wiki", anonymousRead: anonymousRead))
        server = HTTPServer(configuration: TestSiteParts.configuration(workers: 2), responder: SignedIn(user: user, next: app.responder()))
        try server.start()
    }

    deinit {
        server.shutdown()
        server.run()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `GET path` with extra header lines (each ending in CRLF).
    func get(_ path: String, _ headers: String = "") throws -> TestClient.Response {
        let client = try TestClient(port: server.port)
        return try client.request("GET \(path) HTTP/1.1\r\nHost: wiki.test:8080\r\n\(headers)Connection: close\r\n\r\n")
    }

    /// Writes a page over whatever is there as `author`; returns the new commit.
    @discardableResult
    func save(_ page: String, _ text: String, author: String = "Ada Lovelace", message: String = "",
              date: Date = Date()) throws -> Revision {
        let edit = PageEdit(name: try PageName(page), content: Array(text.utf8), message: message, base: try wiki.head(),
                            author: Person(name: author, email: "\(author.filter(\.isLetter).lowercased())@example.com", date: date))
        switch try wiki.save(edit) {
        case .committed(let revision), .merged(let revision): return revision
        case let other: throw TestClient.Failure(description: "save \(page) gave \(other)")
        }
    }

    /// The position of `needle` in `text`, for order checks (Int.max when absent).
    static func offset(of needle: String, in text: String) -> Int {
        text.range(of: needle).map { text.distance(from: text.startIndex, to: $0.lowerBound) } ?? Int.max
    }

    /// How many times `needle` occurs in `text`.
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}

/// Stands in for the auth layer: marks every request as coming from `user` through a session.
private struct SignedIn: Responder {
    let user: User?
    let next: any Responder

    func respond(to request: Request, context: inout RequestContext) throws -> Response {
        if let user {
            context.user = user
            context.authentication = .session
            context.csrfToken = ReadingSite.csrf
        }
        return try next.respond(to: request, context: &context)
    }
}

extension ReadingSite {
    /// The CSRF token of the signed-in test user's session.
    static let csrf = "test-csrf-token"
}
