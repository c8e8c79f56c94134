/// What one `git push` may change; the HTTP layer builds it from the user's role (issue #5).
public struct PushPermissions: Sendable, Equatable {
    /// May fast-forward `refs/heads/main` (maintainers).
    public var mayUpdateMain: Bool
    /// May open or update proposals through `refs/for/main` (contributors and above).
    public var mayPropose: Bool
    /// Who is pushing: the proposer of the proposals the push opens, and whose topics it may update.
    /// nil: the proposer is taken from the first pushed commit's author.
    public var pusher: Participant?

    /// Makes a permission set.
    public init(mayUpdateMain: Bool, mayPropose: Bool, pusher: Participant? = nil) {
        self.mayUpdateMain = mayUpdateMain
        self.mayPropose = mayPropose
        self.pusher = pusher
    }

    /// True when the push may change anything at all.
    public var mayPush: Bool { mayUpdateMain || mayPropose }

    /// Everything a push can do.
    public static let everyone = PushPermissions(mayUpdateMain: true, mayPropose: true)
    /// Nothing: every command is refused (the pack is still checked, then dropped).
    public static let nobody = PushPermissions(mayUpdateMain: false, mayPropose: false)
}

/// What a push changed, so the caller can refresh derived caches (search, history, clone pack).
public struct PushResult: Sendable, Equatable {
    /// One ref that moved.
    public struct Update: Sendable, Equatable {
        /// The full ref name, e.g. `refs/heads/main` or `refs/proposals/3/head`.
        public let ref: String
        /// Its previous value; nil when it was created.
        public let old: ObjectID?
        /// Its new value.
        public let new: ObjectID
    }

    /// The refs that moved, in command order.
    public var updates: [Update] = []
    /// The proposals opened or updated, by id.
    public var proposals: [Int] = []
    /// True when main moved.
    public var movedMain: Bool { updates.contains { $0.ref == GitRepository.mainBranch } }
}
