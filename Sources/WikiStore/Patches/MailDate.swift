import Foundation

/// An RFC 2822 date (`Fri, 1 Mar 2024 10:00:00 +0530`): the instant and the zone it was written in.
struct MailDate: Equatable {
    /// The instant.
    let date: Date
    /// The zone as minutes east of UTC.
    let offsetMinutes: Int

    /// RFC 2822 §4.3 obsolete zone names; any other letters mean "-0000" (an unknown zone, read as UTC).
    private static let namedZones: [String: Int] = [
        "UT": 0, "GMT": 0, "Z": 0, "UTC": 0, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300,
        "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
    ]
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// A date and its zone.
    init(date: Date, offsetMinutes: Int) {
        self.date = date
        self.offsetMinutes = offsetMinutes
    }

    /// Parses `[day-of-week ","] day month year hh:mm[:ss] zone` (RFC 2822 §3.3, with §4.3's obsolete
    /// two-digit years and zone names); nil for anything else.
    init?(_ text: String) {
        // Comments such as "(CET)" are allowed anywhere; git never writes them, but mailers do.
        var cleaned = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 } else if character == ")" { depth = max(0, depth - 1) } else if depth == 0 { cleaned.append(character) }
        }
        var tokens = cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if let first = tokens.first, first.hasSuffix(",") || first.allSatisfy(\.isLetter) { tokens.removeFirst() }
        guard tokens.count == 5, let day = Int(tokens[0]), (1...31).contains(day),
              let monthIndex = MailDate.months.firstIndex(of: tokens[1].prefix(3).lowercased()), tokens[1].count >= 3,
              var year = Int(tokens[2]), tokens[2].count >= 2 else { return nil }
        if tokens[2].count == 2 { year += year < 50 ? 2000 : 1900 } else if tokens[2].count == 3 { year += 1900 }
        // Four digits at most: keeps the second count far from overflow on hostile input.
        guard (1...9999).contains(year) else { return nil }
        let clock = tokens[3].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0 != nil }),
              let hour = clock[0], let minute = clock[1], (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        let second = clock.count == 3 ? clock[2] ?? 0 : 0
        guard (0...60).contains(second), let offset = MailDate.zone(tokens[4]) else { return nil }
        let days = MailDate.daysFromEpoch(year: year, month: monthIndex + 1, day: day)
        let local = days * 86_400 + hour * 3_600 + minute * 60 + second
        self.date = Date(timeIntervalSince1970: TimeInterval(local - offset * 60))
        self.offsetMinutes = offset
    }

    /// Minutes east of UTC for `+hhmm`/`-hhmm` or a zone name; nil when malformed.
    private static func zone(_ token: String) -> Int? {
        let bytes = Array(token.utf8)
        if bytes.count == 5, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-"),
           let hours = Int(String(decoding: bytes[1...2], as: UTF8.self)),
           let minutes = Int(String(decoding: bytes[3...4], as: UTF8.self)), minutes < 60 {
            let value = hours * 60 + minutes
            return bytes[0] == UInt8(ascii: "-") ? -value : value
        }
        guard !token.isEmpty, token.allSatisfy(\.isLetter) else { return nil }
        return namedZones[token.uppercased()] ?? 0
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
