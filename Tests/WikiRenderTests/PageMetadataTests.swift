import Foundation
import Testing
@testable import WikiRender

/// Typed front matter (issue 10): values, problems as values, review dates against an injected clock.
@Suite struct PageMetadataTests {
    private func metadata(_ text: String) -> PageMetadata { PageMetadata(source: Array(text.utf8)) }
    private func instant(_ iso: String) throws -> Date { try #require(ISO8601DateFormatter().date(from: iso)) }

    @Test("Every knowledge key is read into its type")
    func readsEveryKey() throws {
        let meta = metadata("---\nowner: bob\ntags: [database, postgres, database]\nreview-every: 90d\nlast-reviewed: 2026-06-02\nseverity: SEV1\nservices:\n  - orders-db\n  - billing\ntitle: ignored\n---\n# Body\n")
        #expect(meta.owner == "bob")
        #expect(meta.tags == ["database", "postgres"])
        #expect(meta.reviewEvery == ReviewInterval("90d"))
        #expect(meta.lastReviewed?.description == "2026-06-02")
        #expect(meta.severity == "SEV1")
        #expect(meta.services == ["orders-db", "billing"])
        #expect(meta.problems.isEmpty)
        #expect(meta.hasFrontMatter)
    }

    @Test("Bad values are left out and described, the rest still read")
    func problemsAreValues() {
        let meta = metadata("---\nowner: [a, b]\ntags: [ok, bad/tag]\nreview-every: soon\nlast-reviewed: 2026-02-30\nnested:\n  deep: 1\n---\ntext\n")
        #expect(meta.owner == nil)
        #expect(meta.tags == ["ok"])
        #expect(meta.reviewEvery == nil)
        #expect(meta.lastReviewed == nil)
        #expect(meta.problems.count == 5)
        #expect(meta.problems.contains { $0.contains("owner should be one value") })
        #expect(meta.problems.contains { $0.contains("bad/tag") })
        #expect(meta.problems.contains { $0.contains("review-every “soon”") })
        #expect(meta.problems.contains { $0.contains("last-reviewed “2026-02-30”") })
        #expect(meta.problems.contains { $0.contains("nested values are not supported") })
    }

    @Test("A page without front matter has empty metadata and no problems")
    func noFrontMatter() {
        let meta = metadata("# Just a page\n")
        #expect(meta == PageMetadata())
        #expect(!meta.hasFrontMatter)
    }

    @Test(arguments: [("90d", "2026-08-31"), ("12w", "2026-08-25"), ("6m", "2026-12-02"), ("1y", "2027-06-02"), (" 3D ", "2026-06-05")])
    func intervals(_ text: String, _ due: String) throws {
        let interval = try #require(ReviewInterval(text))
        #expect(interval.due(after: try #require(CalendarDay("2026-06-02"))).description == due)
    }

    @Test("Intervals that are zero, malformed or over ten years are refused", arguments: ["0d", "d", "90", "9x", "-1d", "11y", "121m", "99999d", "1.5m"])
    func badIntervals(_ text: String) { #expect(ReviewInterval(text) == nil) }

    @Test("Month arithmetic clamps to the month's last day, leap years included")
    func monthEnds() throws {
        let day = try #require(CalendarDay("2026-08-31"))
        #expect(day.adding(months: 6).description == "2027-02-28")
        #expect(try #require(CalendarDay("2027-08-31")).adding(months: 6).description == "2028-02-29")
        #expect(try #require(CalendarDay("2024-02-29")).adding(months: 12).description == "2025-02-28")
        #expect(CalendarDay("2024-02-29") != nil && CalendarDay("2023-02-29") == nil && CalendarDay("2026-6-2") == nil)
        #expect(CalendarDay(dayNumber: 0).description == "1970-01-01")
    }

    @Test("A review date in the past is overdue by whole UTC days; one in the future is due in N days")
    func pastAndFuture() throws {
        let meta = metadata("---\nreview-every: 90d\nlast-reviewed: 2026-06-02\n---\n")
        let due = try #require(CalendarDay("2026-08-31"))
        #expect(meta.reviewStatus(now: try instant("2026-08-21T12:00:00Z")) == .scheduled(due: due, daysLeft: 10))
        #expect(meta.reviewStatus(now: try instant("2026-08-21T12:00:00Z")).text == "review due in 10 days")
        #expect(meta.reviewStatus(now: try instant("2026-08-31T23:00:00Z")).text == "review due today")
        #expect(!meta.reviewStatus(now: try instant("2026-08-31T23:00:00Z")).isOverdue)
        let late = meta.reviewStatus(now: try instant("2026-12-02T08:00:00Z"))
        #expect(late.text == "overdue by 93 days")
        #expect(late.isOverdue && late.overdueDays == 93)
    }

    @Test("The day turns at midnight UTC, whatever the server's zone")
    func midnightUTC() throws {
        let meta = metadata("---\nreview-every: 1d\nlast-reviewed: 2026-12-01\n---\n")
        // 23:59:59Z on the due day is still "today"; one second later it is overdue by one day.
        #expect(meta.reviewStatus(now: try instant("2026-12-02T23:59:59Z")).text == "review due today")
        #expect(meta.reviewStatus(now: try instant("2026-12-03T00:00:00Z")).text == "overdue by 1 day")
        // 00:30 in UTC+02:00 is still the previous day in UTC.
        #expect(meta.reviewStatus(now: try instant("2026-12-03T00:30:00+02:00")).text == "review due today")
        #expect(CalendarDay(utc: try instant("1969-12-31T23:59:59Z")).description == "1969-12-31")
    }

    @Test("Scheduled but never reviewed is overdue and sorts above every dated page; no schedule is not overdue")
    func neverAndUnscheduled() throws {
        let now = try instant("2026-12-02T00:00:00Z")
        let never = metadata("---\nreview-every: 30d\n---\n").reviewStatus(now: now)
        #expect(never == .neverReviewed && never.isOverdue && never.overdueDays == Int.max)
        let none = metadata("---\nowner: a\nlast-reviewed: 2020-01-01\n---\n").reviewStatus(now: now)
        #expect(none == .unscheduled && !none.isOverdue && none.text == nil)
    }
}
