extension Authenticator {
    /// How visitors are recognised: session lifetime and cookie, trusted proxies, limits on guessing.
    public struct Configuration: Sendable {
        /// How long a signed-in session lasts (absolute, from sign-in); also the cookie's `Max-Age`.
        public var sessionLifetime: Duration = .seconds(12 * 3600)
        /// Whether the session cookie gets `Secure` (set when served over HTTPS).
        public var secureCookies = false
        /// Addresses of reverse proxies whose user header is believed (exact IPv4/IPv6 addresses).
        public var trustedProxies: [String] = []
        /// The header naming the signed-in user, e.g. `X-Forwarded-User`; nil turns proxy mode off.
        public var proxyUserHeader: String?
        /// The header with that user's email, e.g. `X-Forwarded-Email`.
        public var proxyEmailHeader: String?
        /// Roles by user name (`role.NAME` in the configuration file): they override the users file,
        /// and give proxy users who are not in it a role other than reader.
        public var roles: [String: Role] = [:]
        /// Failed sign-ins per client address within `loginFailureWindow` before 429.
        public var loginFailureLimit = 5
        /// The window for `loginFailureLimit`.
        public var loginFailureWindow: Duration = .seconds(60)
        /// How long a verified HTTP Basic password is remembered.
        public var basicCacheLifetime: Duration = .seconds(300)

        /// The defaults documented on each property.
        public init() {}
    }

    /// Who a request comes from, as established before routing.
    struct Visitor: Sendable {
        /// The signed-in user, if any.
        var user: User?
        /// How `user` was established.
        var authentication: Authentication?
        /// The browser session (a pre-session when `user` is nil), if any.
        var session: Session?
        /// Whether `session` was created for this request, so the response must set its cookie.
        var sessionIsNew = false
    }
}
