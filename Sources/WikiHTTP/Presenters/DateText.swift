import Foundation

/// Dates as people read them in a page: "3 days ago", and ISO 8601 for `datetime` attributes.
enum DateText {
    /// "just now", "5 minutes ago", "yesterday", "3 months ago" relative to `now`.
    static func relative(_ date: Date, now: Date = Date()) -> String {
        let seconds = Int(now.timeIntervalSince(date))
        if seconds < 0 { return "in the future" }
        func ago(_ count: Int, _ unit: String) -> String { "\(count) \(unit)\(count == 1 ? "" : "s") ago" }
        switch seconds {
        case ..<45: return "just now"
        case ..<3_600: return ago(max(1, seconds / 60), "minute")
        case ..<86_400: return ago(seconds / 3_600, "hour")
        case ..<172_800: return "yesterday"
        case ..<2_592_000: return ago(seconds / 86_400, "day")
        case ..<31_536_000: return ago(seconds / 2_592_000, "month")
        default: return ago(seconds / 31_536_000, "year")
        }
    }

    /// `2026-06-02T14:40:00Z`.
    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
