import Foundation
import WikiRender
import WikiStore

/// The pages that need attention on a given day: past their review date (or scheduled and never reviewed)
/// or without an owner, most overdue first. Special pages (any path segment starting with `_`, such as
/// `_Sidebar` and `_templates/…`) are not knowledge pages and are left out.
struct ReviewQueue {
    /// One page of the queue.
    struct Item: Sendable {
        let page: PageName
        let title: String
        let metadata: PageMetadata
        let status: ReviewStatus
    }

    /// The pages, most overdue first, then by name.
    let items: [Item]

    /// The queue of `snapshot` on the UTC day of `now`; `owner` and `tag` (case-insensitive) narrow it.
    init(_ snapshot: KnowledgeSnapshot, now: Date, owner: String? = nil, tag: String? = nil) {
        var items: [Item] = []
        for (page, facts) in snapshot.facts where !page.isSpecial {
            let metadata = facts.metadata
            let status = metadata.reviewStatus(now: now)
            guard status.isOverdue || metadata.owner == nil else { continue }
            if let owner, metadata.owner?.caseInsensitiveCompare(owner) != .orderedSame { continue }
            if let tag, !metadata.tags.contains(where: { $0.caseInsensitiveCompare(tag) == .orderedSame }) { continue }
            items.append(Item(page: page, title: facts.displayTitle(for: page), metadata: metadata, status: status))
        }
        // Overdue pages by days overdue (never reviewed counts as the most), then the pages merely without an owner.
        func rank(_ item: Item) -> Int { item.status.isOverdue ? item.status.overdueDays ?? 0 : Int.min }
        self.items = items.sorted { a, b in rank(a) != rank(b) ? rank(a) > rank(b) : a.page < b.page }
    }
}
