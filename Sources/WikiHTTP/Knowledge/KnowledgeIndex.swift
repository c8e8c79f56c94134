import Synchronization
import WikiStore

/// The page facts of main's tip (metadata, tags, the link graph), derived from git and kept in step with
/// main: each read compares the indexed tip with the current one and, when main moved (an edit, a
/// rename, a `git push`, anything), re-reads only the files that changed between the two commits.
final class KnowledgeIndex: Sendable {
    private let current = Mutex(KnowledgeSnapshot())
    /// Held while one caller advances the index, so that concurrent readers wait for it rather than redo it.
    private let advancing = Mutex(())
    /// True from `willBuildInBackground()` until the first snapshot exists: page views then do not wait
    /// for the first full build (a second or more on thousands of pages) but show the page without it.
    private let buildingInBackground = Atomic<Bool>(false)

    /// Says that a background thread is about to build the first snapshot (`serve` at start).
    func willBuildInBackground() { buildingInBackground.store(true, ordering: .releasing) }

    /// The facts at main's tip, or nil while the first full build runs in the background (callers that can
    /// do without, like page views, use this; later moves of main are incremental and cheap, so they wait).
    func snapshotIfBuilt(of wiki: Wiki) throws -> KnowledgeSnapshot? {
        if buildingInBackground.load(ordering: .acquiring) { return nil }
        return try snapshot(of: wiki)
    }

    /// The facts at main's tip as it is now (never an older tip).
    func snapshot(of wiki: Wiki) throws -> KnowledgeSnapshot {
        defer { buildingInBackground.store(false, ordering: .releasing) }
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
