internal import CGit2

/// One reference move of a transaction: set `name` to `new` only if it still points at `expected`
/// (nil: only if it does not exist yet).
struct ReferenceUpdate: Equatable {
    /// The full ref name.
    let name: String
    /// The new target.
    let new: ObjectID
    /// The value the caller read; anything else means another writer came first.
    let expected: ObjectID?
}

extension GitRepository {
    /// Moves several refs together: all are locked first, each one's current value is compared with what the
    /// caller expects while it is locked, and only then are they written. A mismatch changes nothing and throws
    /// a `GitError` whose `isLostRace` is true. Durable when it returns (`moveReferences`).
    func updateReferences(_ updates: [ReferenceUpdate], logMessage: String) throws {
        // Untyped for its callers: Swift 6.3 crashes compiling a `catch … where` loop around a typed throw.
        try moveReferences(updates, logMessage: logMessage)
    }

    /// `updateReferences` with a typed error. This is the only function that moves refs, so every move is made
    /// durable here (`Durability`): objects synced before, the refs fsynced after, then it returns.
    /// (git_transaction_new, git_transaction_lock_ref, git_transaction_set_target, git_transaction_commit)
    func moveReferences(_ updates: [ReferenceUpdate], logMessage: String) throws(GitError) {
        var transaction: OpaquePointer?
        try check(git_transaction_new(&transaction, handle), "git_transaction_new")
        defer { git_transaction_free(transaction) }
        for update in updates {
            try check(git_transaction_lock_ref(transaction, update.name), "git_transaction_lock_ref")
        }
        // The locks are held: a value read now cannot change before the commit below.
        for update in updates {
            guard try referenceID(update.name) == update.expected else {
                throw GitError(code: GIT_EMODIFIED.rawValue, message: "\(update.name) moved since it was read",
                               function: "git_transaction_lock_ref")
            }
        }
        for update in updates {
            var target = update.new.raw
            try check(git_transaction_set_target(transaction, update.name, &target, nil, logMessage), "git_transaction_set_target")
        }
        let directory = self.directory, names = updates.map(\.name)
        let created = Durability.newLooseReferences(names, in: directory)
        // Barrier 1: everything the new values reach is on disk before any ref file is renamed into place.
        try Durability.syncObjects(in: directory)
        try check(git_transaction_commit(transaction), "git_transaction_commit")
        // Barrier 2: the moved refs are on disk before the caller acknowledges the write.
        try Durability.syncReferences(names, created: created, in: directory)
    }
}
