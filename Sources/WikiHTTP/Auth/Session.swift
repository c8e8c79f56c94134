/// A browser session kept on the server: its id (the cookie), its CSRF token, who signed in and until when.
///
/// A session without a user is a pre-session: an anonymous visitor who loaded the sign-in form, so
/// that form carries a CSRF token too (OWASP CSRF cheat sheet, "Login CSRF").
struct Session: Sendable {
    /// 32 random bytes, base64url; the value of the `opswiki_session` cookie.
    let id: String
    /// 32 random bytes, base64url; every state-changing form of this session carries it as `csrf`.
    let csrfToken: String
    /// The signed-in user; nil for a pre-session.
    let user: User?
    /// `.session` for a password sign-in, `.proxy` for a user named by a trusted proxy; nil for a pre-session.
    let authentication: Authentication?
    /// When the session ends, whatever the cookie says (expiry is enforced here, not by the browser).
    let expires: ContinuousClock.Instant

    /// Whether the session has ended at `now`.
    func isExpired(at now: ContinuousClock.Instant) -> Bool { now >= expires }
}
