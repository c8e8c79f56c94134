/// One patch of a `git format-patch` mbox (git am semantics).
public struct PatchEmail: Sendable, Equatable {
    /// The author: `From:` (RFC 2047 decoded) and `Date:` (RFC 2822), or the in-body `From:`/`Date:` lines.
    public var author: Person
    /// The author date's zone as minutes east of UTC (`+0530` is 330). `Person` keeps only the instant,
    /// so the zone travels here and `applyPatches` writes it into the commit, as `git am` does.
    public var authorTimeZoneOffset: Int
    /// The subject with `[PATCH n/m]`-style prefixes stripped and folded lines joined.
    public var subject: String
    /// The commit message: subject + "\n\n" + body (up to the "---" line), cleaned up as `git am` does.
    public var message: String
    /// The unified git diff, from the first `diff --git` line up to the `-- ` signature.
    public var diff: [UInt8]

    /// Makes a patch from its parts.
    public init(author: Person, authorTimeZoneOffset: Int = 0, subject: String, message: String, diff: [UInt8]) {
        self.author = author
        self.authorTimeZoneOffset = authorTimeZoneOffset
        self.subject = subject
        self.message = message
        self.diff = diff
    }
}
