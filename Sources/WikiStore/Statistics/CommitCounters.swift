import Synchronization

/// Where a commit that landed on main came from.
public enum CommitSource: String, Sendable, CaseIterable {
    /// A write through the web (save, rename, delete, upload, revert).
    case web
    /// A `git push` to main (each commit it added counts).
    case push
    /// A proposal merged by a maintainer.
    case merge
}

/// Commits this process put on main, by source; relaxed atomics, read by `/metrics`.
public final class CommitCounters: Sendable {
    private let counts: InlineArray<3, Atomic<UInt64>> = InlineArray { _ in Atomic(0) }

    /// Counters starting at zero.
    public init() {}

    /// Counts `count` commits from `source`.
    public func add(_ count: Int, source: CommitSource) {
        guard count > 0 else { return }
        counts[Self.slot(source)].add(UInt64(count), ordering: .relaxed)
    }

    /// The commits counted from `source` so far.
    public func count(_ source: CommitSource) -> UInt64 { counts[Self.slot(source)].load(ordering: .relaxed) }

    private static func slot(_ source: CommitSource) -> Int {
        switch source {
        case .web: 0
        case .push: 1
        case .merge: 2
        }
    }
}
