import Testing
@testable import WikiHTTP

/// The parts of the authentication layer on their own: sessions, origins, addresses, the rate limiter.
struct AuthPartsTests {
    private let user = User(name: "eddie", email: "e@example.com", role: .editor, passwordHash: "$2y$05$x")

    @Test("Session ids and CSRF tokens are 32 random bytes in base64url, all different")
    func tokens() {
        let store = SessionStore(lifetime: .seconds(60))
        let sessions = (0..<50).map { _ in store.create(user: user, authentication: .session) }
        let values = Set(sessions.flatMap { [$0.id, $0.csrfToken] })
        #expect(values.count == 100)
        #expect(sessions.allSatisfy { SecureRandom.isToken($0.id) && SecureRandom.isToken($0.csrfToken) })
        #expect(store.session(id: sessions[0].id)?.user?.name == "eddie")
        #expect(store.session(id: "not-a-token") == nil)
    }

    @Test("A flood of pre-sessions is bounded and never pushes out a signed-in session")
    func bounded() {
        var limits = SessionStore.Limits()
        limits.anonymous = 10
        limits.signedIn = 5
        let store = SessionStore(lifetime: .seconds(60), limits: limits)
        let signedIn = store.create(user: user, authentication: .session)
        for _ in 0..<100 { _ = store.create(user: nil, authentication: nil) }
        #expect(store.counts.anonymous == 10)
        #expect(store.counts.signedIn == 1)
        #expect(store.session(id: signedIn.id) != nil)
        for _ in 0..<10 { _ = store.create(user: user, authentication: .session) }
        #expect(store.counts.signedIn == 5)
    }

    @Test("The session cookie: HttpOnly, SameSite=Lax, Path=/, Max-Age the lifetime, Secure when configured")
    func cookie() throws {
        var configuration = Authenticator.Configuration()
        configuration.secureCookies = true
        configuration.sessionLifetime = .seconds(7200)
        let authenticator = Authenticator(configuration: configuration)
        let session = authenticator.sessions.create(user: user, authentication: .session)
        #expect(authenticator.cookie(for: session).headerValue
            == "opswiki_session=\(session.id); Path=/; Max-Age=7200; HttpOnly; Secure; SameSite=Lax")
        #expect(authenticator.cookie(for: nil).headerValue == "opswiki_session=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax")
    }

    @Test("Ended and expired sessions are gone")
    func endAndExpiry() {
        let store = SessionStore(lifetime: .zero)
        let expired = store.create(user: user, authentication: .session)
        #expect(store.session(id: expired.id) == nil)
        let live = SessionStore(lifetime: .seconds(60))
        let session = live.create(user: user, authentication: .session)
        live.end(id: session.id)
        #expect(live.session(id: session.id) == nil)
    }

    @Test("Origins and referers reduce to host and port", arguments: [
        ("http://Wiki.Example", "wiki.example"), ("https://wiki.example:443/x", "wiki.example"),
        ("http://wiki.example:8080/a?b", "wiki.example:8080"), ("http://user@evil.example/", "evil.example"),
        ("https://wiki.example:80", "wiki.example:80"),
    ])
    func authority(url: String, expected: String) {
        #expect(OriginCheck.authority(of: url) == expected)
    }

    @Test("Opaque and non-http origins are never this host", arguments: ["null", "file:///etc", "javascript:x", "http://"])
    func opaqueOrigins(origin: String) {
        #expect(OriginCheck.authority(of: origin) == nil)
    }

    @Test("Peer addresses lose port and brackets; IPv4-mapped IPv6 becomes IPv4", arguments: [
        ("127.0.0.1:5000", "127.0.0.1"), ("[::1]:5000", "::1"), ("[::ffff:10.0.0.2]:80", "10.0.0.2"),
        ("::1", "::1"), ("10.0.0.9", "10.0.0.9"),
    ])
    func addresses(raw: String, expected: String) {
        #expect(Request.normalisedAddress(raw) == expected)
    }

    @Test("The rate limiter refuses after the limit, per address")
    func rateLimiter() throws {
        let limiter = LoginRateLimiter(limit: 3, window: .seconds(60))
        for _ in 0..<3 {
            #expect(limiter.retryAfter(for: "10.0.0.1") == nil)
            limiter.recordFailure(for: "10.0.0.1")
        }
        let wait = try #require(limiter.retryAfter(for: "10.0.0.1"))
        #expect(wait > .seconds(50) && wait <= .seconds(60))
        #expect(limiter.retryAfter(for: "10.0.0.2") == nil)
    }
}
