extension UploadPack {
    /// The common-commit bookkeeping of one stateless request, as git's upload-pack.c keeps it: which haves
    /// the server also has, and whether every want already has a common ancestor ("ok to give up").
    struct Negotiation {
        /// The repository the haves are looked up in.
        let repository: GitRepository
        /// The wants peeled to commits; nil for a want that is not a commit (it never blocks giving up).
        private let wantCommits: [ObjectID?]
        /// Haves the server also has, in arrival order (any object kind).
        private(set) var common: [ObjectID] = []
        /// The commits among `common`: the hidden edge of the pack and the give-up test's ancestors.
        private(set) var commonCommits: [ObjectID] = []
        /// `common` as a set, for constant-time duplicate checks.
        private var seen: Set<ObjectID> = []
        /// The last common have, for `ACK <last>`.
        private(set) var last: ObjectID?
        /// Per want: satisfied, or how many of `commonCommits` were already tried as its ancestor.
        private var checked: [Int?]

        /// Starts a negotiation for validated `wants`.
        init(repository: GitRepository, wants: [ObjectID]) throws {
            self.repository = repository
            wantCommits = try wants.map { want in
                let peeled = try repository.peel(want)
                return try repository.objectType(peeled) == .commit ? peeled : nil
            }
            checked = wantCommits.map { $0 == nil ? nil : 0 }
        }

        /// Records one `have`; true when the server has the object (it is common), false when unknown.
        mutating func receive(_ have: ObjectID) throws -> Bool {
            guard let kind = try repository.objectType(have) else { return false }
            last = have
            guard seen.insert(have).inserted else { return true }
            common.append(have)
            if kind == .commit { commonCommits.append(have) }
            return true
        }

        /// True when every commit want has a common commit as ancestor-or-self, so more haves cannot make the
        /// pack smaller (upload-pack.c ok_to_give_up). Each (want, common) pair is tested at most once.
        mutating func okToGiveUp() throws -> Bool {
            for index in wantCommits.indices {
                guard let want = wantCommits[index], let start = checked[index] else { continue }
                var satisfied = false
                // Newest commons first: the client sends its newest commits first, so a hit comes early.
                for candidate in commonCommits[start...].reversed() where try repository.isAncestor(candidate, of: want) {
                    satisfied = true
                    break
                }
                checked[index] = satisfied ? nil : commonCommits.count
                if !satisfied { return false }
            }
            return true
        }
    }
}
