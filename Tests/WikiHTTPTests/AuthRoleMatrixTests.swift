import Foundation
import Testing
@testable import WikiHTTP

/// Every state-changing route × {anonymous, reader, editor, maintainer}: allowed, 401 or 403, and no
/// commit when refused. Each visitor posts with its own valid CSRF token (an anonymous visitor's comes
/// from its pre-session), so what is tested here is the role check alone.
@Suite(.serialized)
struct AuthRoleMatrixTests {
    /// One state-changing route: the form it gets (besides `csrf`), the least role allowed (nil: anyone),
    /// and whether an allowed request makes exactly one commit.
    struct Row: Sendable, CustomStringConvertible {
        let method: String, path: String, form: [(String, String)], minimum: Role?, commits: Bool
        var multipart = false
        var description: String { "\(method) \(path)\(multipart ? " (multipart)" : "")" }
    }

    static let rows: [Row] = [
        Row(method: "POST", path: "/login", form: [("username", "eddie"), ("password", AuthSite.password)], minimum: nil, commits: false),
        Row(method: "POST", path: "/logout", form: [], minimum: nil, commits: false),
        Row(method: "POST", path: "/probe/save", form: [("content", "matrix by VISITOR")], minimum: .editor, commits: true),
        Row(method: "POST", path: "/probe/save", form: [("content", "multipart by VISITOR")], minimum: .editor, commits: true,
            multipart: true),
        Row(method: "POST", path: "/edit/Page-VISITOR", form: [("content", "edited by VISITOR"), ("message", "m"), ("base", "CREATED")],
            minimum: .editor, commits: true),
        Row(method: "POST", path: "/preview", form: [("content", "# preview")], minimum: .editor, commits: false),
        Row(method: "POST", path: "/rename/Page-VISITOR", form: [("to", "Moved-VISITOR")], minimum: .editor, commits: true),
        Row(method: "POST", path: "/delete/Page-VISITOR", form: [], minimum: .editor, commits: true),
        Row(method: "POST", path: "/revert/Page-VISITOR", form: [("rev", "CREATED")], minimum: .editor, commits: true),
        Row(method: "POST", path: "/upload/files/VISITOR.txt", form: [("file", "bytes of VISITOR")], minimum: .editor, commits: true,
            multipart: true),
        Row(method: "POST", path: "/upload", form: [("path", "files/"), ("file", "form upload by VISITOR")], minimum: .editor,
            commits: true, multipart: true),
    ]

    /// The visitors: nil is anonymous.
    static let roles: [Role?] = [nil, .reader, .editor, .maintainer]

    @Test("Role matrix", arguments: rows)
    func matrix(row: Row) throws {
        let site = try AuthSite()
        for role in Self.roles {
            var browser = site.browser()
            let token: String?
            if let role, let name = AuthSite.users.first(where: { $0.role == role })?.name {
                token = try browser.signIn(name)
            } else {
                token = Browser.csrf(in: try browser.send("GET", "/login"))
            }
            let before = try site.commitCount()
            // VISITOR becomes the visitor and CREATED the commit that made `Page-<visitor>`, so each allowed
            // write has its own target and really changes something.
            let visitor = role?.rawValue ?? "anonymous"
            func fill(_ text: String) -> String {
                text.replacingOccurrences(of: "VISITOR", with: visitor).replacingOccurrences(of: "CREATED", with: site.created[visitor] ?? "")
            }
            let form = row.form.map { ($0.0, fill($0.1)) }
            let answer = try browser.send(row.method, fill(row.path), form: [("csrf", token ?? "")] + form,
                                          multipart: row.multipart)
            let allowed = row.minimum.map { minimum in role.map { $0 >= minimum } ?? false } ?? true
            let label = "\(row) as \(role?.rawValue ?? "anonymous")"
            if allowed {
                #expect(answer.status < 400, "\(label): \(answer.status)")
                #expect(try site.commitCount() == before + (row.commits ? 1 : 0), "\(label)")
            } else {
                #expect(answer.status == (role == nil ? 401 : 403), "\(label): \(answer.status)")
                #expect(try site.commitCount() == before, "\(label) committed")
            }
        }
    }
}
