/// How often a page must be reviewed: `review-every: 90d` (days), `12w` (weeks), `6m` (months) or `1y` (years).
public struct ReviewInterval: Hashable, Sendable, CustomStringConvertible {
    /// The unit of an interval.
    public enum Unit: Character, Hashable, Sendable { case days = "d", weeks = "w", months = "m", years = "y" }

    /// The most units accepted per unit: about ten years (a longer interval is a typo).
    public static func maximumCount(of unit: Unit) -> Int {
        switch unit { case .days: 3_660; case .weeks: 523; case .months: 120; case .years: 10 }
    }

    /// How many units (at least 1).
    public let count: Int
    /// The unit.
    public let unit: Unit

    /// Parses `<digits><d|w|m|y>` (spaces around it ignored); nil for zero, anything else or over ten years.
    public init?(_ text: String) {
        let trimmed = FrontMatterParser.trim(text).lowercased()
        guard let last = trimmed.last, let unit = Unit(rawValue: last) else { return nil }
        let digits = trimmed.dropLast()
        guard (1...4).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(digits),
              count > 0 else { return nil }
        guard count <= Self.maximumCount(of: unit) else { return nil }
        self.count = count
        self.unit = unit
    }

    /// The day a review made on `day` falls due.
    public func due(after day: CalendarDay) -> CalendarDay {
        switch unit {
        case .days: day.adding(days: count)
        case .weeks: day.adding(days: count * 7)
        case .months: day.adding(months: count)
        case .years: day.adding(months: count * 12)
        }
    }

    /// `90d`, as written in front matter.
    public var description: String { "\(count)\(unit.rawValue)" }

    /// "90 days", "1 year", for people.
    public var text: String {
        let name = switch unit { case .days: "day"; case .weeks: "week"; case .months: "month"; case .years: "year" }
        return "\(count) \(name)\(count == 1 ? "" : "s")"
    }
}
