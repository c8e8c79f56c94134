import Synchronization
import WikiStore

/// The page facts of main's tip (metadata, tags, the link graph), derived from git and kept in step with
/// main: each read compares the indexed tip with the current one and, when main moved (an edit, a
/// rename, a `git push`, anything), re-reads only the files that changed between the two commits.
final class KnowledgeIndex: Sendable {
    private let current = Mutex(KnowledgeSnapshot())
    /// Held while one caller advances the index, so that concurrent readers wait for it rather than redo it.
    private let advancing = Mutex(())

    /// The facts at main's tip as it is now (never an older tip).
    func snapshot(of wiki: Wiki) throws -> KnowledgeSnapshot {
        let tip = try wiki.head()?.id
        if let fresh = current.withLock({ $0.tip == tip ? $0 : nil }) { return fresh }
        return try advancing.withLock { _ in
            let indexed = current.withLock { $0 }
            if indexed.tip == tip { return indexed }
            let next = try indexed.advanced(to: tip, in: wiki)
            current.withLock { $0 = next }
            return next
        }
    }
}
