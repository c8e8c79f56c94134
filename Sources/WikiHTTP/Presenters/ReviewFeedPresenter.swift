import Foundation
import WikiRender
import WikiStore

/// The overdue pages as an Atom 1.0 feed (RFC 4287), for a chat channel: one entry per page and overdue
/// period. An entry's id names the page and the day it fell due, so it stays the same on every fetch until
/// the page is reviewed, and a page that falls due again later is a new entry.
enum ReviewFeedPresenter {
    /// The most entries in one feed.
    static let maximumEntries = 200

    /// The feed of the overdue items of `queue` (pages merely without an owner are not entries), with absolute
    /// links under `origin`; `changed(page)` is the page's last change, the time of a never-reviewed entry.
    static func atom(_ queue: ReviewQueue, origin: String, title: String,
                     changed: (PageName) -> Date?) -> [UInt8] {
        let overdue = queue.items.filter(\.status.isOverdue).prefix(maximumEntries)
        var entries = ""
        var newest = Date(timeIntervalSince1970: 0)
        for item in overdue {
            let since: String
            let updated: Date
            if case .scheduled(let due, _) = item.status {
                since = due.description
                updated = due.startDate
            } else {
                since = "never-reviewed"
                updated = changed(item.page) ?? Date(timeIntervalSince1970: 0)
            }
            newest = max(newest, updated)
            let link = origin + PagePresenter.href(item.page)
            var summary = item.status.text ?? ""
            summary += item.metadata.owner.map { "; owner \($0)" } ?? "; no owner"
            if let every = item.metadata.reviewEvery { summary += "; reviewed every \(every.text)" }
            if let last = item.metadata.lastReviewed { summary += "; last reviewed \(last)" }
            entries += "  <entry>\n"
            entries += "    <id>urn:opswiki:review:\(FeedPresenter.xml(PercentEncoding.encodePath(item.page.description))):\(since)</id>\n"
            entries += "    <title>\(FeedPresenter.xml("Review due: " + item.title))</title>\n"
            entries += "    <updated>\(DateText.iso(updated))</updated>\n"
            entries += "    <author><name>\(FeedPresenter.xml(item.metadata.owner ?? "nobody"))</name></author>\n"
            entries += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(FeedPresenter.xml(link))\"/>\n"
            entries += "    <content type=\"text\">\(FeedPresenter.xml(item.page.description + ": " + summary))</content>\n"
            entries += "  </entry>\n"
        }
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        out += "  <id>\(FeedPresenter.xml(origin))/review</id>\n"
        out += "  <title>\(FeedPresenter.xml(title + ": pages due for review"))</title>\n"
        // RFC 4287 §4.2.15: the newest entry's time, so an unchanged queue gives an unchanged feed.
        out += "  <updated>\(DateText.iso(newest))</updated>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(FeedPresenter.xml(origin))/review.atom\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(FeedPresenter.xml(origin))/review\"/>\n"
        out += "  <generator>opswiki</generator>\n"
        return Array((out + entries + "</feed>\n").utf8)
    }
}
