import Synchronization
import WikiRender
import WikiStore

/// Rendered Markdown keyed by what determines it: the page's blob and the tree it was read from
/// (wiki links are marked missing or not from the tree). Derived, bounded, never stale.
final class RenderCache: Sendable {
    /// A rendered page: the title taken from its leading heading, and the document.
    struct RenderedPage: Sendable {
        let title: String?
        let document: RenderedDocument
    }

    /// What a rendering depends on.
    struct Key: Hashable, Sendable {
        let blobID: ObjectID
        let revision: ObjectID
    }

    private struct State {
        var entries: [Key: RenderedPage] = [:]
        var order: [Key] = []
    }

    private let capacity: Int
    private let state = Mutex(State())
    /// Lookups answered from the cache or rendered, for `/metrics`.
    let counters = CacheCounters()

    init(capacity: Int) { self.capacity = capacity }

    /// The cached document for `key`, or the one `render` makes (then cached, oldest evicted).
    func document(for key: Key, render: () throws -> RenderedPage) rethrows -> RenderedPage {
        if let hit = state.withLock({ $0.entries[key] }) {
            counters.hit()
            return hit
        }
        counters.miss()
        let document = try render()
        state.withLock { state in
            guard state.entries.updateValue(document, forKey: key) == nil else { return }
            state.order.append(key)
            if state.order.count > capacity {
                state.entries[state.order.removeFirst()] = nil
            }
        }
        return document
    }
}
