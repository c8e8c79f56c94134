import Foundation
import WikiRender
import WikiStore

/// What the page header, the review dashboard and the tag pages show of page metadata. Every value is a
/// plain string for the template to escape.
enum KnowledgePresenter {
    /// `/review?owner=<encoded owner>`: the owner's pages that need attention.
    static func ownerHref(_ owner: String) -> String { "/review?owner=" + PercentEncoding.encodeQueryValue(owner) }

    /// `/tags/<encoded tag>`.
    static func tagHref(_ tag: String) -> String { "/tags/" + PercentEncoding.encodeQueryValue(tag) }

    /// The compact header of a page: owner, tags as links, severity, services and the review line;
    /// nil when the front matter names none of them.
    static func header(_ metadata: PageMetadata, now: Date) -> TemplateValue? {
        var values: [String: TemplateValue] = [:]
        if let owner = metadata.owner {
            values["owner"] = .string(owner)
            values["ownerHref"] = .string(ownerHref(owner))
        }
        if !metadata.tags.isEmpty {
            values["tags"] = tags(metadata.tags)
            values["hasTags"] = .bool(true)
        }
        if let severity = metadata.severity { values["severity"] = .string(severity) }
        if !metadata.services.isEmpty { values["services"] = .string(metadata.services.joined(separator: ", ")) }
        if let review = review(metadata, now: now) { values["review"] = review }
        return values.isEmpty ? nil : .dictionary(values)
    }

    /// The review line: the status text, whether it is overdue, the due date, the interval and the last review.
    static func review(_ metadata: PageMetadata, now: Date) -> TemplateValue? {
        let status = metadata.reviewStatus(now: now)
        var values: [String: TemplateValue] = ["overdue": .bool(status.isOverdue), "soon": .bool(false)]
        if let text = status.text { values["text"] = .string(text) }
        if case .scheduled(let due, let daysLeft) = status {
            values["due"] = .string(due.description)
            values["soon"] = .bool((0...14).contains(daysLeft))
        }
        if let every = metadata.reviewEvery { values["every"] = .string(every.text) }
        if let last = metadata.lastReviewed { values["lastReviewed"] = .string(last.description) }
        return values.count > 2 ? .dictionary(values) : nil
    }

    /// Tags as `{name, href}`.
    static func tags(_ tags: [String]) -> TemplateValue {
        .list(tags.map { .dictionary(["name": .string($0), "href": .string(tagHref($0))]) })
    }

    /// The problems of a page's front matter, for the warning banner: `metaProblems` and `hasMetaProblems`.
    static func problems(_ metadata: PageMetadata) -> [String: TemplateValue] {
        ["metaProblems": .list(metadata.problems.map { .string(quoted($0)) }), "hasMetaProblems": .bool(!metadata.problems.isEmpty)]
    }

    /// The parser's warnings mark code with backticks (`key: value`); on a page they read as “key: value”.
    static func quoted(_ text: String) -> String {
        var out = "", opening = true
        for character in text {
            if character == "`" {
                out.append(opening ? "“" : "”")
                opening.toggle()
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// One row of the review dashboard or a tag page.
    static func row(_ page: PageName, title: String, metadata: PageMetadata, now: Date) -> TemplateValue {
        let status = metadata.reviewStatus(now: now)
        var reasons: [TemplateValue] = []
        if status.isOverdue, let text = status.text { reasons.append(.string(text)) }
        if metadata.owner == nil { reasons.append(.string("no owner")) }
        return .dictionary([
            "name": .string(page.description),
            "title": .string(title),
            "href": .string(PagePresenter.href(page)),
            "owner": .string(metadata.owner ?? ""),
            "ownerHref": .string(metadata.owner.map(ownerHref) ?? ""),
            "hasTags": .bool(!metadata.tags.isEmpty),
            "tags": tags(metadata.tags),
            "severity": .string(metadata.severity ?? ""),
            "review": review(metadata, now: now) ?? .string(""),
            "reasons": .list(reasons),
            "hasProblems": .bool(!metadata.problems.isEmpty),
        ])
    }

    /// The review queue as JSON: `{"today", "owner", "tag", "pages": [{page, title, url, owner, tags, severity,
    /// services, reviewEvery, lastReviewed, due, overdueDays, neverReviewed, reasons, problems}]}`.
    static func json(_ queue: ReviewQueue, now: Date, owner: String?, tag: String?) throws -> [UInt8] {
        struct Entry: Encodable {
            let page, title, url: String
            let owner: String?
            let tags: [String]
            let severity: String?
            let services: [String]
            let reviewEvery, lastReviewed, due: String?
            let overdueDays: Int?
            let neverReviewed: Bool
            let reasons, problems: [String]
        }
        struct Document: Encodable {
            let today: String
            let owner, tag: String?
            let pages: [Entry]
        }
        let entries = queue.items.map { item -> Entry in
            var due: String?, overdue: Int?
            if case .scheduled(let day, let daysLeft) = item.status { due = day.description; overdue = -daysLeft }
            var reasons: [String] = []
            if item.status.isOverdue { reasons.append(item.status == .neverReviewed ? "never-reviewed" : "overdue") }
            if item.metadata.owner == nil { reasons.append("no-owner") }
            return Entry(page: item.page.description, title: item.title, url: PagePresenter.href(item.page),
                         owner: item.metadata.owner, tags: item.metadata.tags, severity: item.metadata.severity,
                         services: item.metadata.services, reviewEvery: item.metadata.reviewEvery?.description,
                         lastReviewed: item.metadata.lastReviewed?.description, due: due, overdueDays: overdue,
                         neverReviewed: item.status == .neverReviewed, reasons: reasons, problems: item.metadata.problems)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(Document(today: CalendarDay(utc: now).description, owner: owner, tag: tag, pages: entries)))
    }
}
