/// What a user may do: each role includes the ones before it.
public enum Role: String, Comparable, CaseIterable, Sendable {
    /// May read pages, history and proposals, and clone.
    case reader
    /// May also open proposals and comment on them, but not edit main.
    case contributor
    /// May also edit pages and upload attachments.
    case editor
    /// May also merge or close proposals and push to `main`.
    case maintainer

    private var rank: Int { Role.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}
