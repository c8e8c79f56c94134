import Foundation

/// Where a page stands against its review schedule on a given day.
public enum ReviewStatus: Hashable, Sendable {
    /// No `review-every`: the page has no schedule.
    case unscheduled
    /// A schedule but no (valid) `last-reviewed`: due since forever.
    case neverReviewed
    /// Due on `due`; `daysLeft` is from today to `due` (0 = due today, negative = overdue by that many days).
    case scheduled(due: CalendarDay, daysLeft: Int)

    /// Past its review date (a page due today is not yet overdue), or scheduled but never reviewed.
    public var isOverdue: Bool {
        switch self {
        case .unscheduled: false
        case .neverReviewed: true
        case .scheduled(_, let daysLeft): daysLeft < 0
        }
    }

    /// How many days past due, for sorting the most overdue first (never reviewed sorts above everything).
    public var overdueDays: Int? {
        switch self {
        case .unscheduled: nil
        case .neverReviewed: Int.max
        case .scheduled(_, let daysLeft): -daysLeft
        }
    }

    /// "review due in 3 days", "review due today", "overdue by 1 day", "never reviewed"; nil when unscheduled.
    public var text: String? {
        func days(_ count: Int) -> String { "\(count) day\(count == 1 ? "" : "s")" }
        switch self {
        case .unscheduled: return nil
        case .neverReviewed: return "never reviewed"
        case .scheduled(_, let daysLeft) where daysLeft > 0: return "review due in \(days(daysLeft))"
        case .scheduled(_, 0): return "review due today"
        case .scheduled(_, let daysLeft): return "overdue by \(days(-daysLeft))"
        }
    }
}

extension PageMetadata {
    /// The review status on the UTC day of `now` (tests pass a fixed instant; the midnight UTC boundary decides the day).
    public func reviewStatus(now: Date) -> ReviewStatus {
        guard let reviewEvery else { return .unscheduled }
        guard let lastReviewed else { return .neverReviewed }
        let due = reviewEvery.due(after: lastReviewed)
        return .scheduled(due: due, daysLeft: due.dayNumber - CalendarDay(utc: now).dayNumber)
    }
}
