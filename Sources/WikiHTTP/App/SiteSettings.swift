/// What the site looks like and who may do what, as configured for `opswiki serve`.
public struct SiteSettings: Sendable {
    /// The title in every page's header.
    public var title: String
    /// Whether anonymous visitors may read (and clone).
    public var anonymousRead: Bool

    /// Creates settings.
    public init(title: String = "opswiki", anonymousRead: Bool = true) {
        self.title = title
        self.anonymousRead = anonymousRead
    }
}
