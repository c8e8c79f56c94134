import Testing
@testable import opswiki

struct ConfigurationTests {
    @Test("A file sets every kind of value; comments and blank lines are skipped")
    func file() throws {
        var configuration = Configuration()
        try configuration.apply(file: """
            # production
            repo = /srv/wiki.git
            host = 0.0.0.0
            port = 9000

            title = Platform wiki
            anonymous = none
            max-body = 8M
            trusted-proxies = 127.0.0.1, ::1
            secure-cookies = yes
            role.alice = maintainer
            """, path: "opswiki.conf")
        #expect(configuration.repo == "/srv/wiki.git")
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.port == 9000)
        #expect(configuration.title == "Platform wiki")
        #expect(configuration.anonymousRead == false)
        #expect(configuration.maxBodyBytes == 8 * 1024 * 1024)
        #expect(configuration.trustedProxies == ["127.0.0.1", "::1"])
        #expect(configuration.secureCookies)
        #expect(configuration.roles == ["alice": "maintainer"])
    }

    @Test("Errors carry the file name and line number", arguments: [
        ("port = 8080\nport = eighty\n", 2, "port must be a whole number"),
        ("\n\nfoo = bar\n", 3, "unknown setting 'foo'"),
        ("just words\n", 1, "expected 'key = value'"),
        ("role.bob = admin\n", 1, "role.bob must be reader, contributor, editor or maintainer"),
        ("max-body = lots\n", 1, "max-body must be a size"),
    ])
    func errors(text: String, line: Int, message: String) {
        var configuration = Configuration()
        do {
            try configuration.apply(file: text, path: "x.conf")
            Issue.record("expected an error")
        } catch let error as Configuration.FileError {
            #expect(error.line == line)
            #expect(error.description.hasPrefix("x.conf:\(line): \(message)"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("The environment overrides the file")
    func environment() throws {
        var configuration = Configuration()
        try configuration.apply(file: "port = 9000\ntitle = A\n", path: "c")
        try configuration.apply(environment: ["OPSWIKI_PORT": "9100", "OPSWIKI_MAX_BODY": "1K", "OPSWIKI_WORKERS": "3", "HOME": "/root"])
        #expect(configuration.port == 9100)
        #expect(configuration.workers == 3)
        #expect(configuration.maxBodyBytes == 1024)
        #expect(configuration.title == "A")
    }
}
