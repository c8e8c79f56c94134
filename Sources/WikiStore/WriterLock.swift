import Synchronization

/// The one writer lock of a repository in this process, shared by every `Wiki` opened on it.
final class WriterLock: Sendable {
    private let mutex = Mutex(())

    /// Locks by standardised repository path; entries live as long as the process, one per repository.
    private static let registry = Mutex<[String: WriterLock]>([:])

    /// The lock of the repository at `path`, created on first use.
    static func forRepository(at path: String) -> WriterLock {
        registry.withLock { locks in
            if let lock = locks[path] { return lock }
            let lock = WriterLock()
            locks[path] = lock
            return lock
        }
    }

    /// Runs `body` while holding the lock.
    func withLock<R: Sendable>(_ body: () throws -> R) throws -> R {
        try mutex.withLock { _ in try body() }
    }
}
