/// Line-level comparison of two versions of a file for blame, on line hashes instead of bytes.
///
/// It answers only when git's xdiff could not answer differently: the versions differ in one region (after
/// the common first and last lines are set aside, as xdiff's `xdl_trim_ends` does), the two sides of that
/// region share no line (so Myers can match nothing inside it), and neither side can slide up or down over
/// equal lines (so `xdl_change_compact` and the indent heuristic have nothing to choose). Anything else
/// returns nil and the caller asks xdiff itself, which keeps blame identical to `git blame`.
enum LineDiff {
    /// The line hashes of a file: one per line, the "\n" included (a last line without it differs from the
    /// same text with it, as in xdiff). Keyed SipHash (`Hasher`, seeded per process), so lines cannot be
    /// made to collide on purpose; a chance collision of 64-bit values is negligible.
    static func lineHashes(_ bytes: [UInt8]) -> [Int] {
        bytes.withUnsafeBytes(lineHashes)
    }

    /// `lineHashes` of bytes in a buffer. The array is allocated at its final size (lines are counted first):
    /// blame keeps thousands of these, and growth by doubling would leave up to half of each unused.
    static func lineHashes(_ buffer: UnsafeRawBufferPointer) -> [Int] {
        let newline = UInt8(ascii: "\n")
        let count = buffer.count { $0 == newline } + (buffer.last.map { $0 == newline ? 0 : 1 } ?? 0)
        var hashes: [Int] = []
        hashes.reserveCapacity(count)
        var start = 0
        while start < buffer.count {
            var end = start
            while end < buffer.count && buffer[end] != newline { end += 1 }
            end = min(end + 1, buffer.count)
            var hasher = Hasher()
            hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
            hashes.append(hasher.finalize())
            start = end
        }
        return hashes
    }

    /// The hunk from `old` to `new` when it is unambiguous (see the type's comment); `[]` for equal versions.
    static func unambiguousHunks(from old: [Int], to new: [Int]) -> [LineHunk]? {
        let limit = min(old.count, new.count)
        var prefix = 0
        while prefix < limit && old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < limit - prefix && old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        let removed = prefix..<(old.count - suffix), added = prefix..<(new.count - suffix)
        if removed.isEmpty && added.isEmpty { return [] }
        if slides(removed, in: old) || slides(added, in: new) { return nil }
        if !removed.isEmpty && !added.isEmpty {
            // Small regions are the common case (one edited line); compare them directly.
            if removed.count * added.count <= 256 {
                for line in old[removed] where new[added].contains(line) { return nil }
            } else if !Set(old[removed]).isDisjoint(with: new[added]) {
                return nil
            }
        }
        return [LineHunk(oldStart: prefix, oldCount: removed.count, newStart: prefix, newCount: added.count)]
    }

    /// True when the changed lines `range` could move one line up or down without changing the result.
    private static func slides(_ range: Range<Int>, in lines: [Int]) -> Bool {
        guard !range.isEmpty else { return false }
        if range.lowerBound > 0 && lines[range.lowerBound - 1] == lines[range.upperBound - 1] { return true }
        return range.upperBound < lines.count && lines[range.upperBound] == lines[range.lowerBound]
    }
}
