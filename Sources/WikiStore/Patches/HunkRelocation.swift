/// `git apply`'s offset search, which libgit2 1.5.1 lacks: a hunk whose lines are no longer at the line its
/// header names (the page grew or shrank above it since the patch was made) is found at the nearest line
/// where its context and removed lines match exactly, and its header is rewritten to say so. No fuzz:
/// every line must match, as `git am` requires by default.
enum HunkRelocation {
    /// One hunk's header numbers and the lines it expects in the old file.
    private struct Hunk {
        var oldStart: Int, oldCount: Int, newCount: Int
        /// The text after the closing "@@" (the section heading and the line end).
        var rest: [UInt8]
        /// The context and removed lines, in order, without their prefix.
        var oldLines: [ArraySlice<UInt8>]
        /// The hunk's lines after its header line.
        var body: [UInt8]
        /// Added minus removed lines.
        var growth: Int
    }

    /// The file section with each hunk's header moved to where its old lines are in `preimage`. A hunk whose
    /// lines are nowhere after the previous hunk keeps its header, so applying it fails on that hunk.
    static func relocate(_ file: PatchText.File, in preimage: [UInt8]) -> PatchText.File {
        let lines = split(preimage)
        var moved = file
        var drift = 0, minimum = 0, growth = 0
        // Each hunk searches the whole file at worst: a budget of line comparisons keeps a hostile patch of
        // many unmatched hunks from costing hunks × lines. Past it, hunks keep their headers.
        var budget = comparisonBudget
        for (index, text) in file.hunks.enumerated() {
            guard let hunk = parse(text) else { return moved }
            if hunk.oldLines.isEmpty || hunk.oldStart == 0 {
                growth += hunk.growth
                continue
            }
            let expected = max(minimum, hunk.oldStart - 1 + drift)
            guard let found = nearestMatch(of: hunk.oldLines, in: lines, near: expected, from: minimum, budget: &budget) else {
                growth += hunk.growth
                continue
            }
            drift = found - (hunk.oldStart - 1)
            minimum = found + hunk.oldLines.count
            let header = "@@ -\(found + 1),\(hunk.oldCount) +\(found + 1 + growth),\(hunk.newCount) @@"
            moved.hunks[index] = Array(header.utf8) + hunk.rest + hunk.body
            growth += hunk.growth
        }
        return moved
    }

    /// The most line comparisons one file's relocation may make.
    static let comparisonBudget = 20_000_000

    /// The index nearest `expected` (searching outward, earlier first on a tie) at or after `minimum` where
    /// `wanted` occurs in `lines`; nil when there is none or `budget` runs out.
    private static func nearestMatch(of wanted: [ArraySlice<UInt8>], in lines: [ArraySlice<UInt8>], near expected: Int,
                                     from minimum: Int, budget: inout Int) -> Int? {
        let last = lines.count - wanted.count
        guard last >= minimum else { return nil }
        let start = min(max(expected, minimum), last)
        for distance in 0...max(start - minimum, last - start) {
            for candidate in distance == 0 ? [start] : [start - distance, start + distance] where (minimum...last).contains(candidate) {
                var matched = 0
                while matched < wanted.count, wanted[matched].elementsEqual(lines[candidate + matched]) { matched += 1 }
                budget -= matched + 1
                if matched == wanted.count { return candidate }
                if budget <= 0 { return nil }
            }
        }
        return nil
    }

    /// Parses `@@ -a[,b] +c[,d] @@rest` and the hunk's lines; nil when the header is malformed.
    private static func parse(_ text: [UInt8]) -> Hunk? {
        let end = text.firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
        let headerLine = text[..<end]
        guard headerLine.starts(with: "@@ -".utf8),
              let close = String(decoding: headerLine.dropFirst(2), as: UTF8.self).range(of: "@@") else { return nil }
        let header = String(decoding: headerLine.dropFirst(2), as: UTF8.self)
        let ranges = header[..<close.lowerBound].split(separator: " ")
        guard ranges.count == 2, let old = range(ranges[0], sign: "-"), let new = range(ranges[1], sign: "+") else { return nil }
        let restStart = 2 + header[..<close.upperBound].utf8.count
        var hunk = Hunk(oldStart: old.start, oldCount: old.count, newCount: new.count,
                        rest: Array(headerLine.dropFirst(restStart)), oldLines: [],
                        body: Array(text[end...]), growth: 0)
        // The header's counts say where the hunk ends, as for libgit2 and git; "\ No newline" lines count for neither.
        var oldSeen = 0, newSeen = 0
        for line in split(Array(text[min(end + 1, text.endIndex)...])) where oldSeen < old.count || newSeen < new.count {
            switch line.first {
            // An empty line is an empty context line whose blank a mailer trimmed; git accepts it too.
            case UInt8(ascii: " "), nil:
                hunk.oldLines.append(line.dropFirst())
                oldSeen += 1
                newSeen += 1
            case UInt8(ascii: "-"):
                hunk.oldLines.append(line.dropFirst())
                oldSeen += 1
            case UInt8(ascii: "+"):
                newSeen += 1
            case UInt8(ascii: "\\"):
                continue
            default:
                return nil
            }
        }
        hunk.growth = newSeen - oldSeen
        return hunk
    }

    /// `-a,b` or `+a` (count 1) as numbers.
    private static func range(_ text: Substring, sign: Character) -> (start: Int, count: Int)? {
        guard text.first == sign else { return nil }
        let parts = text.dropFirst().split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let start = Int(parts[0]), start >= 0 else { return nil }
        guard parts.count == 2 else { return (start, 1) }
        guard let count = Int(parts[1]), count >= 0 else { return nil }
        return (start, count)
    }

    /// The lines of `bytes` without their "\n" (a final line without one included).
    private static func split(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}
