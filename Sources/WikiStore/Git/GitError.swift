internal import CGit2

/// A negative libgit2 return code with the message libgit2 left on the failing thread.
public struct GitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The libgit2 error code (`git_error_code`), e.g. -3 for GIT_ENOTFOUND.
    public let code: Int32
    /// libgit2's message, read on the thread of the failing call.
    public let message: String
    /// The libgit2 function that failed.
    public let function: String

    /// "git_commit_lookup: object not found (-3)".
    public var description: String { "\(function): \(message) (\(code))" }

    /// The object or reference does not exist. (GIT_ENOTFOUND)
    var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }
    /// A prefix matched several objects. (GIT_EAMBIGUOUS)
    var isAmbiguous: Bool { code == GIT_EAMBIGUOUS.rawValue }
    /// A compare-and-swap lost: the ref moved or appeared since it was read, or another process holds
    /// its lock file right now. (GIT_EMODIFIED, GIT_EEXISTS, GIT_ELOCKED)
    var isLostRace: Bool {
        code == GIT_EMODIFIED.rawValue || code == GIT_EEXISTS.rawValue || code == GIT_ELOCKED.rawValue
    }
}

/// Throws a `GitError` for a negative libgit2 result; call it straight after the C call, on the same thread.
@inline(__always)
func check(_ result: Int32, _ function: StaticString) throws(GitError) {
    guard result < 0 else { return }
    // libgit2 docs/threading.md: the error message is thread-local, so read it now.
    let message = git_error_last().flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "unknown libgit2 error"
    throw GitError(code: result, message: message, function: "\(function)")
}
