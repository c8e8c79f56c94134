import Synchronization

/// Lends each caller an open repository handle of its own (libgit2: one thread per handle at a time).
final class RepositoryPool: Sendable {
    /// @unchecked: a handle is either idle in `idle` or lent to exactly one caller, never both.
    private struct Handle: @unchecked Sendable { let repository: GitRepository }

    /// The repository directory.
    let path: String
    /// Idle handles; at most `maximumIdle` are kept, the rest are freed on return.
    private let idle = Mutex<[Handle]>([])
    /// Enough for the worker pool of a 2-8 core machine; extra handles are only short-lived.
    private let maximumIdle = 16

    /// Makes an empty pool for the bare repository at `path`.
    init(path: String) { self.path = path }

    /// Runs `body` with a handle no other thread uses meanwhile.
    func withRepository<R>(_ body: (GitRepository) throws -> R) throws -> R {
        let handle = try idle.withLock { $0.popLast() } ?? Handle(repository: GitRepository(openingBare: path))
        defer {
            idle.withLock { handles in
                if handles.count < maximumIdle { handles.append(handle) }
            }
        }
        return try body(handle.repository)
    }
}
