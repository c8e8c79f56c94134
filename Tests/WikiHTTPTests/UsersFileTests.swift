import Testing
@testable import WikiHTTP

struct UsersFileTests {
    private let hash = "$2y$05$abcdefghijklmnopqrstuu5Dh6Fa1F5F5b0Z1qJ8m7yK1iW0wM2zG"

    @Test("Plain htpasswd lines get the default role and a local email")
    func plainLines() throws {
        let file = try UsersFile(parsing: "alice:\(hash)\n\n# comment\nbob:\(hash):maintainer:bob@example.org:Bob Okafor\n")
        #expect(file.users.count == 2)
        let alice = try #require(file.user(named: "alice"))
        #expect(alice.role == .editor)
        #expect(alice.email == "alice@localhost")
        #expect(alice.displayName == "alice")
        let bob = try #require(file.user(named: "bob"))
        #expect(bob.role == .maintainer)
        #expect(bob.email == "bob@example.org")
        #expect(bob.displayName == "Bob Okafor")
    }

    @Test("Errors name the file and line", arguments: [
        ("alice\n", 1, "expected name:hash"),
        ("alice:\("$2y$05$x")\nalice:\("$2y$05$x")\n", 2, "appears twice"),
        ("\nbob:$apr1$abc$def\n", 2, "unsupported hash"),
        ("carol:$6$salt$hash:admin\n", 1, "unknown role 'admin'"),
    ])
    func errors(text: String, line: Int, message: String) {
        do {
            _ = try UsersFile(parsing: text, path: "users.htpasswd")
            Issue.record("expected an error for \(text)")
        } catch let error as UsersFile.ParseError {
            #expect(error.line == line)
            #expect(error.description.hasPrefix("users.htpasswd:\(line): "))
            #expect(error.message.contains(message))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("Upsert replaces by name and the text round-trips")
    func roundTrip() throws {
        var file = try UsersFile(parsing: "alice:\(hash)\n")
        file.upsert(User(name: "alice", displayName: "Alice N", email: "a@example.org", role: .maintainer, passwordHash: hash))
        file.upsert(User(name: "dave", email: "d@example.org", role: .reader, passwordHash: hash))
        let reparsed = try UsersFile(parsing: file.text)
        #expect(reparsed.users == file.users)
        #expect(reparsed.users.map(\.name) == ["alice", "dave"])
        #expect(reparsed.user(named: "alice")?.role == .maintainer)
    }
}
