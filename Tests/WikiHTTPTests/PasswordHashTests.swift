import Foundation
import Testing
@testable import WikiHTTP

/// Hashes written by Apache's real `htpasswd` tool (apache2-utils) must verify through libcrypt.
struct PasswordHashTests {
    private func htpasswd(_ flag: String, _ user: String, _ password: String) throws -> String {
        let line = try htpasswdLine(flag, user, password)
        return String(line.drop { $0 != ":" }.dropFirst())
    }

    @Test("bcrypt and sha-crypt hashes from htpasswd verify; wrong passwords do not", arguments: ["-B", "-5", "-2"])
    func htpasswdHashes(flag: String) throws {
        let hash = try htpasswd(flag, "alice", "correct horse ☃")
        #expect(PasswordHash.isSupported(hash))
        #expect(PasswordHash.verify("correct horse ☃", against: hash))
        #expect(!PasswordHash.verify("correct horse", against: hash))
        #expect(!PasswordHash.verify("", against: hash))
    }

    @Test("Apache MD5 ($apr1$) and plain entries are refused rather than guessed")
    func unsupportedHashes() throws {
        let md5 = try htpasswd("-m", "bob", "secret")
        #expect(md5.hasPrefix("$apr1$"))
        #expect(!PasswordHash.verify("secret", against: md5))
        #expect(!PasswordHash.verify("secret", against: "secret"))
    }

    @Test("A hash we make is bcrypt, salted, and verifies")
    func makeHash() throws {
        let first = try #require(PasswordHash.make("s3cret", cost: 4))
        let second = try #require(PasswordHash.make("s3cret", cost: 4))
        #expect(first.hasPrefix("$2y$04$"))
        #expect(first != second)
        #expect(PasswordHash.verify("s3cret", against: first))
        #expect(!PasswordHash.verify("s3cret!", against: first))
    }
}
