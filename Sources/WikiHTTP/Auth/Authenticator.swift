/// Recognises the visitor of every request — a trusted proxy's header, HTTP Basic credentials or a
/// session cookie, in that order — and owns the sessions, the Basic cache and the sign-in rate limit.
public final class Authenticator: Sendable {
    /// The session cookie's name.
    public static let cookieName = "opswiki_session"

    /// The settings this authenticator was made with.
    public let configuration: Configuration
    /// The users who can sign in with a password, by name, with `configuration.roles` applied.
    let users: [String: User]
    let sessions: SessionStore
    let rateLimiter: LoginRateLimiter
    private let credentialCache: CredentialCache
    private let trustedProxies: Set<String>

    /// An authenticator for `users` (usually a users file's); no users means nobody can sign in.
    public init(users: [User] = [], configuration: Configuration = Configuration()) {
        self.configuration = configuration
        var table: [String: User] = [:]
        for var user in users {
            if let role = configuration.roles[user.name] { user.role = role }
            table[user.name] = user
        }
        self.users = table
        sessions = SessionStore(lifetime: configuration.sessionLifetime)
        rateLimiter = LoginRateLimiter(limit: configuration.loginFailureLimit, window: configuration.loginFailureWindow)
        credentialCache = CredentialCache(lifetime: configuration.basicCacheLifetime)
        trustedProxies = Set(configuration.trustedProxies.map(Request.normalisedAddress))
    }

    /// Whether anyone can sign in: a user with a password, or a trusted proxy naming users.
    public var canSignIn: Bool { !users.isEmpty || (configuration.proxyUserHeader != nil && !trustedProxies.isEmpty) }

    /// Who sent `request`. Wrong Basic credentials are a 401 challenge, too many failures a 429,
    /// a malformed credential a 400; a proxy header from an untrusted address is ignored.
    func identify(_ request: Request) throws(HTTPError) -> Visitor {
        let cookieSession = request.cookies[Self.cookieName].flatMap { sessions.session(id: $0) }
        if let user = try proxyUser(request) {
            // A proxy-authenticated browser still needs a CSRF token: the proxy's own cookie rides
            // along on a cross-site form post just as ours would.
            if let session = cookieSession, session.authentication == .proxy, session.user?.name == user.name {
                return Visitor(user: user, authentication: .proxy, session: session)
            }
            let session = sessions.create(user: user, authentication: .proxy)
            return Visitor(user: user, authentication: .proxy, session: session, sessionIsNew: true)
        }
        if let (name, password) = try request.basicCredentials() {
            let user = try verifyLimited(name: name, password: password, client: client(of: request), useCache: true)
            guard let user else {
                throw HTTPError(.unauthorized, "Wrong user name or password.", headers: [Self.basicChallenge])
            }
            return Visitor(user: user, authentication: .basic)
        }
        guard let session = cookieSession else { return Visitor() }
        guard let user = session.user else { return Visitor(session: session) }
        // A proxy user's session only stands beside the proxy's header (see above), never alone: the
        // proxy decides who is signed in, so its sign-out ends ours too.
        guard session.authentication != .proxy else { return Visitor() }
        return Visitor(user: user, authentication: session.authentication ?? .session, session: session)
    }

    /// The user `name` if `password` is theirs; nil when not; 429 after too many failures from `client`.
    func verifyLimited(name: String, password: String, client: String, useCache: Bool = false) throws(HTTPError) -> User? {
        if let wait = rateLimiter.retryAfter(for: client) {
            let seconds = max(1, Int((wait / .seconds(1)).rounded(.up)))
            throw HTTPError(Status(code: 429, reason: "Too Many Requests"), "Too many failed sign-ins; try again in \(seconds) seconds.",
                            headers: [.init(name: "Retry-After", value: String(seconds))])
        }
        if let user = users[name] {
            if useCache && credentialCache.contains(user, password: password) { return user }
            if PasswordHash.verify(password, against: user.passwordHash) {
                if useCache { credentialCache.remember(user, password: password) }
                return user
            }
        } else {
            // Spend the same bcrypt time on an unknown name, so timing does not reveal who exists.
            _ = PasswordHash.verify(password, against: Self.decoyHash)
        }
        rateLimiter.recordFailure(for: client)
        return nil
    }

    /// The user a trusted proxy names, or nil (proxy mode off, untrusted peer, or no header).
    private func proxyUser(_ request: Request) throws(HTTPError) -> User? {
        guard let header = configuration.proxyUserHeader, trustedProxies.contains(request.clientAddress) else { return nil }
        let values = request.headers.values(header)
        guard let name = values.first, !name.isEmpty else { return nil }
        guard values.count == 1, UsersFile.isValidName(name) else {
            throw HTTPError(.badRequest, "The proxy's \(header) header does not name one valid user.")
        }
        let email = configuration.proxyEmailHeader.flatMap { request.headers[$0] }.flatMap { $0.isEmpty ? nil : $0 }
        if var known = users[name] {
            if let email { known.email = email }
            return known
        }
        // Least privilege: a proxy user in neither the users file nor `role.NAME` may only read.
        return User(name: name, email: email ?? "\(name)@localhost", role: configuration.roles[name] ?? .reader,
                    passwordHash: "")
    }

    /// The address of `request` from the rate limiter's point of view: behind a trusted proxy, the last
    /// address the proxy appended to `X-Forwarded-For`.
    func client(of request: Request) -> String {
        let peer = request.clientAddress
        guard trustedProxies.contains(peer),
              let forwarded = request.headers.values("X-Forwarded-For").last?.split(separator: ",").last else { return peer }
        let address = Request.normalisedAddress(String(forwarded.trimmingSpaces))
        // Only an address-shaped value is believed; anything else would pollute the limiter and the log.
        let isAddress = !address.isEmpty && address.utf8.count <= 45
            && address.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" }
        return isAddress ? address : peer
    }

    /// Whether `request` came through a trusted proxy (whose `X-Forwarded-Host` may then be believed).
    func isFromTrustedProxy(_ request: Request) -> Bool { trustedProxies.contains(request.clientAddress) }

    /// The `Set-Cookie` for `session`, or the one deleting the cookie when nil.
    func cookie(for session: Session?) -> SetCookie {
        guard let session else {
            return SetCookie(name: Self.cookieName, value: "", maxAge: 0, secure: configuration.secureCookies)
        }
        let seconds = session.user == nil ? min(sessions.limits.anonymousLifetime, sessions.lifetime) : sessions.lifetime
        return SetCookie(name: Self.cookieName, value: session.id,
                         maxAge: max(1, Int((seconds / .seconds(1)).rounded(.up))), secure: configuration.secureCookies)
    }

    /// The challenge git and curl answer with credentials (RFC 7617).
    static let basicChallenge = Headers.Field(name: "WWW-Authenticate", value: "Basic realm=\"opswiki\", charset=\"UTF-8\"")

    /// A bcrypt hash of nothing anyone knows, made once, for the unknown-user path.
    private static let decoyHash = PasswordHash.make(SecureRandom.token(), cost: 10) ?? "$2y$10$" + String(repeating: ".", count: 53)
}
