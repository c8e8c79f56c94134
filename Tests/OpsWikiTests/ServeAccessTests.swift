import Foundation
import Testing
import WikiHTTP
@testable import opswiki

/// How `serve` turns the configuration into who may sign in, and what it says at start.
struct ServeAccessTests {
    private func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("opswiki-users-\(UUID().uuidString)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("Without a users file nobody can sign in, and serve says so")
    func noUsers() throws {
        let configuration = Configuration()
        let authenticator = try ServeCommand.makeAuthenticator(configuration)
        #expect(!authenticator.canSignIn)
        #expect(ServeCommand.accessSummary(configuration, authenticator)
            == "No users file: everyone may read and nobody may write (add users with 'opswiki user add', then --users FILE).")
    }

    @Test("The users file's roles, overridden by role.NAME; session hours and secure cookies carried over")
    func usersAndRoles() throws {
        let hash = try #require(PasswordHash.make("pw", cost: 4))
        let path = try temporaryFile("ann:\(hash):editor:ann@example.com:Ann\nben:\(hash):maintainer\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var configuration = Configuration()
        try configuration.apply(file: "users = \(path)\nrole.ann = maintainer\nrole.ben = reader\nsession-hours = 2\nsecure-cookies = true\n",
                                path: "c")
        let authenticator = try ServeCommand.makeAuthenticator(configuration)
        #expect(authenticator.canSignIn)
        #expect(authenticator.configuration.sessionLifetime == .seconds(7200))
        #expect(authenticator.configuration.secureCookies)
        #expect(ServeCommand.accessSummary(configuration, authenticator) == "Access: everyone may read; sign-in with users from \(path).")
    }

    @Test("A proxy user header without trusted proxies is refused")
    func proxyNeedsTrustedAddresses() throws {
        var configuration = Configuration()
        try configuration.set("proxy-user-header", to: "X-Forwarded-User")
        #expect(throws: UsageError.self) { try ServeCommand.makeAuthenticator(configuration) }
        try configuration.set("trusted-proxies", to: "127.0.0.1")
        try configuration.set("anonymous", to: "none")
        let authenticator = try ServeCommand.makeAuthenticator(configuration)
        #expect(authenticator.canSignIn)
        #expect(ServeCommand.accessSummary(configuration, authenticator)
            == "Access: reading needs sign-in; sign-in with X-Forwarded-User from 127.0.0.1.")
    }

    @Test("A broken users file stops serve with its line number")
    func brokenUsersFile() throws {
        let path = try temporaryFile("ann:plaintext\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var configuration = Configuration()
        configuration.users = path
        #expect(throws: UsersFile.ParseError.self) { try ServeCommand.makeAuthenticator(configuration) }
    }
}
