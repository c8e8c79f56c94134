import Foundation
import WikiStore

/// Writes the demo wiki's history: a few commits by different authors, so history, diffs and blame
/// have something to show from the first start.
enum DemoWiki {
    private struct Step {
        let author: (name: String, email: String)
        let day: String
        let message: String
        let action: Action
    }
    private enum Action {
        case write(String, String)
        case rename(String, String)
    }

    private static let alice = ("Alice Nguyen", "alice@example.org")
    private static let bob = ("Bob Okafor", "bob@example.org")
    private static let carol = ("Carol Jensen", "carol@example.org")

    private static let steps: [Step] = [
        Step(author: alice, day: "2026-06-01T09:12:00Z", message: "Start the operations wiki", action: .write("Home", DemoPages.home)),
        Step(author: alice, day: "2026-06-01T09:15:00Z", message: "Add sidebar", action: .write("_Sidebar", DemoPages.sidebar)),
        Step(author: alice, day: "2026-06-01T09:16:00Z", message: "Add footer", action: .write("_Footer", DemoPages.footer)),
        Step(author: bob, day: "2026-06-02T14:40:00Z", message: "Add database failover runbook", action: .write("runbooks/db-failover", DemoPages.dbFailoverV1)),
        Step(author: alice, day: "2026-06-03T10:05:00Z", message: "Add on-call handbook", action: .write("runbooks/On-call-handbook", DemoPages.onCall)),
        Step(author: carol, day: "2026-06-10T16:20:00Z", message: "Add cache flush runbook", action: .write("runbooks/cache-flush", DemoPages.cacheFlush)),
        Step(author: carol, day: "2026-06-11T08:30:00Z", message: "Name the cache flush runbook after Redis", action: .rename("runbooks/cache-flush", "runbooks/redis-cache-flush")),
        Step(author: carol, day: "2026-06-11T09:00:00Z", message: "Post-mortem: API gateway outage of 8 June (draft)", action: .write("postmortems/2026-06-08-api-gateway-outage", DemoPages.postmortemV1)),
        Step(author: carol, day: "2026-06-12T11:02:00Z", message: "Add post-mortem index", action: .write("Post-mortems", DemoPages.postmortemsIndex)),
        Step(author: bob, day: "2026-06-15T09:45:00Z", message: "Post-mortem: customer impact, full timeline, final", action: .write("postmortems/2026-06-08-api-gateway-outage", DemoPages.postmortemV2)),
        Step(author: alice, day: "2026-07-02T13:10:00Z", message: "Runbook: check replication lag before promoting", action: .write("runbooks/db-failover", DemoPages.dbFailoverV2)),
        Step(author: bob, day: "2026-07-03T15:00:00Z", message: "Add runbook template", action: .write("_templates/runbook", DemoPages.runbookTemplate)),
        Step(author: carol, day: "2026-07-03T15:30:00Z", message: "Add post-mortem template", action: .write("_templates/postmortem", DemoPages.postmortemTemplate)),
    ]

    /// Writes every step to `wiki` in order, each as one commit.
    static func populate(_ wiki: Wiki) throws {
        let dates = ISO8601DateFormatter()
        // Steps are listed in story order; commit dates must not go backwards, so clamp to the previous.
        var previous = Date.distantPast
        for step in steps {
            let date = max(dates.date(from: step.day) ?? previous, previous)
            previous = date
            let author = Person(name: step.author.name, email: step.author.email, date: date)
            switch step.action {
            case .write(let name, let text):
                let page = try PageName(name)
                let edit = PageEdit(name: page, content: Array(text.utf8), message: step.message,
                                    base: try wiki.head(), author: author)
                _ = try wiki.save(edit)
            case .rename(let from, let to):
                _ = try wiki.rename(try PageName(from), to: try PageName(to), author: author, message: step.message)
            }
        }
    }
}
