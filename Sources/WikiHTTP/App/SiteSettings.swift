/// What the site looks like and who may do what, as configured for `opswiki serve`.
public struct SiteSettings: Sendable {
    /// The title in every page's header.
    public var title: String
    /// Whether anonymous visitors may read (and clone); when false every route but `/login`,
    /// `/logout`, `/healthz` and `/static/*` needs a signed-in user.
    public var anonymousRead: Bool
    /// Who can sign in and how; holds the live sessions. The default has no users: anyone may read
    /// (when `anonymousRead`), nobody may write.
    public var authenticator: Authenticator
    /// Who may read `/metrics` (default: loopback clients not behind a proxy).
    public var metricsAccess: MetricsAccess = .local

    /// Creates settings.
    public init(title: String = "opswiki", anonymousRead: Bool = true, authenticator: Authenticator = Authenticator()) {
        self.title = title
        self.anonymousRead = anonymousRead
        self.authenticator = authenticator
    }
}
