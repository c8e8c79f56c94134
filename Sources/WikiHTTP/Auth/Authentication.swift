/// How a request's user was established.
public enum Authentication: Sendable, Hashable {
    /// A browser session cookie (state-changing requests must carry the session's CSRF token).
    case session
    /// HTTP Basic credentials on the request itself (git, scripts).
    case basic
    /// A header set by a trusted reverse proxy.
    case proxy
}
