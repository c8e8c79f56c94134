/// Makes the changed-word byte ranges of a diff line safe to wrap in tags.
enum WordRanges {
    /// `ranges` clipped to `bytes`, widened to whole UTF-8 scalars (a tag inside a scalar would break the
    /// text), sorted, and merged where they touch or overlap; empty ranges are dropped.
    static func normalised(_ ranges: [Range<Int>], in bytes: [UInt8]) -> [Range<Int>] {
        var clipped: [Range<Int>] = []
        for range in ranges {
            var lower = min(max(range.lowerBound, 0), bytes.count)
            var upper = min(max(range.upperBound, 0), bytes.count)
            while lower > 0, lower < bytes.count, isContinuation(bytes[lower]) { lower -= 1 }
            while upper < bytes.count, upper > 0, isContinuation(bytes[upper]) { upper += 1 }
            if lower < upper { clipped.append(lower..<upper) }
        }
        clipped.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for range in clipped {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// A UTF-8 continuation byte (10xxxxxx) never starts a scalar.
    private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
}
