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
    /// a `GitError` whose `isLostRace` is true. (git_transaction_new, git_transaction_lock_ref,
    /// git_transaction_set_target, git_transaction_commit)
    func updateReferences(_ updates: [ReferenceUpdate], logMessage: String) throws {
        var transaction: OpaquePointer?
        try check(git_transaction_new(&transaction, handle), "git_transaction_new")
        defer { git_transaction_free(transaction) }
        for update in updates {
            try check(git_transaction_lock_ref(transaction, update.name), "git_transaction_lock_ref")
        }
        // The locks are held: a value read now cannot change before the commit below.
        for update in updates where try referenceID(update.name) != update.expected {
            throw GitError(code: GIT_EMODIFIED.rawValue, message: "\(update.name) moved since it was read",
                           function: "git_transaction_lock_ref")
        }
        for update in updates {
            var target = update.new.raw
            try check(git_transaction_set_target(transaction, update.name, &target, nil, logMessage), "git_transaction_set_target")
        }
        try check(git_transaction_commit(transaction), "git_transaction_commit")
    }
}
