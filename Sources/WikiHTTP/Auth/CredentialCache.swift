import Synchronization

/// Recently verified HTTP Basic credentials, so bcrypt (~50-100 ms) does not run on every git request.
///
/// The password itself is never kept: only its sha256-crypt digest under a salt drawn at start-up,
/// computed by libcrypt (1000 rounds, well under a millisecond). An entry also remembers the user's
/// stored hash, so a changed password never matches an old entry.
final class CredentialCache: Sendable {
    private struct Entry: Sendable {
        let storedHash: String
        let digest: String
        let expires: ContinuousClock.Instant
    }

    private let setting: String
    private let lifetime: Duration
    private let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])

    init(lifetime: Duration, capacity: Int = 1024) {
        // crypt(5): sha256-crypt salts are up to 16 characters of [./0-9A-Za-z].
        let alphabet = Array("./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        let salt = String(SecureRandom.bytes(16).map { alphabet[Int($0 & 63)] })
        setting = "$5$rounds=1000$\(salt)$"
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Whether `user` was verified with exactly `password` within the lifetime.
    func contains(_ user: User, password: String) -> Bool {
        guard let entry = entries.withLock({ $0[user.name] }), entry.storedHash == user.passwordHash,
              ContinuousClock.now < entry.expires, let digest = PasswordHash.crypt(password, setting: setting) else {
            return false
        }
        return ConstantTime.equal(digest, entry.digest)
    }

    /// Records that `password` verified for `user`.
    func remember(_ user: User, password: String) {
        guard let digest = PasswordHash.crypt(password, setting: setting) else { return }
        let now = ContinuousClock.now
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { now < $0.value.expires }
                if entries.count >= capacity { entries.removeAll() }
            }
            entries[user.name] = Entry(storedHash: user.passwordHash, digest: digest, expires: now + lifetime)
        }
    }
}
