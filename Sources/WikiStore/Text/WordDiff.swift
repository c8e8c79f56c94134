/// Word-level changes inside a hunk: which bytes of a removed line and its added partner differ.
///
/// libgit2 has no word diff (git-on-libgit2.md §5.1). Each removed/added pair is split into tokens
/// (words, whitespace runs, single punctuation bytes, as git's `--word-diff` splits them) and the tokens
/// outside their longest common subsequence are the changed ranges.
enum WordDiff {
    /// Token pairs above this are not compared (the DP table would be too large): the whole lines count as changed.
    static let maximumCells = 250_000

    /// Fills `changedRanges` of each removed line and the added line at the same offset after it.
    /// Lines without a partner keep an empty list: the whole line is new or gone.
    static func annotate(_ lines: [Line]) -> [Line] {
        var result = lines
        var index = 0
        while index < result.count {
            guard result[index].kind == .removed else { index += 1; continue }
            var removedEnd = index
            while removedEnd < result.count, result[removedEnd].kind == .removed { removedEnd += 1 }
            var addedEnd = removedEnd
            while addedEnd < result.count, result[addedEnd].kind == .added { addedEnd += 1 }
            for offset in 0..<min(removedEnd - index, addedEnd - removedEnd) {
                let old = result[index + offset], new = result[removedEnd + offset]
                let ranges = changedRanges(old: Array(old.text.utf8), new: Array(new.text.utf8))
                result[index + offset] = old.with(changedRanges: ranges.old)
                result[removedEnd + offset] = new.with(changedRanges: ranges.new)
            }
            index = max(addedEnd, index + 1)
        }
        return result
    }

    /// The byte ranges of `old` and of `new` that are not part of their longest common token subsequence.
    static func changedRanges(old: [UInt8], new: [UInt8]) -> (old: [Range<Int>], new: [Range<Int>]) {
        let oldTokens = tokens(old), newTokens = tokens(new)
        guard oldTokens.count * newTokens.count <= maximumCells else {
            return (old.isEmpty ? [] : [0..<old.count], new.isEmpty ? [] : [0..<new.count])
        }
        let (oldKept, newKept) = commonTokens(oldTokens, old, newTokens, new)
        return (unkept(oldTokens, oldKept), unkept(newTokens, newKept))
    }

    /// Splits a line into words, whitespace runs and single other bytes, as byte ranges.
    static func tokens(_ bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            let kind = Class(bytes[start])
            var end = start + 1
            if kind != .other {
                while end < bytes.count, Class(bytes[end]) == kind { end += 1 }
            }
            result.append(start..<end)
            start = end
        }
        return result
    }

    /// The character classes that form tokens; bytes of multi-byte UTF-8 characters count as word bytes.
    private enum Class {
        case word, space, other
        init(_ byte: UInt8) {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): self = .space
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), 0x80...0xFF: self = .word
            default: self = .other
            }
        }
    }

    /// Marks the tokens of each side that belong to one longest common subsequence (dynamic programming).
    private static func commonTokens(_ a: [Range<Int>], _ aBytes: [UInt8], _ b: [Range<Int>], _ bBytes: [UInt8])
        -> ([Bool], [Bool]) {
        let n = a.count, m = b.count
        // lengths[i * (m + 1) + j] = LCS length of a[i...] and b[j...].
        var lengths = [Int32](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lengths[i * (m + 1) + j] = aBytes[a[i]] == bBytes[b[j]]
                    ? lengths[(i + 1) * (m + 1) + j + 1] + 1
                    : max(lengths[(i + 1) * (m + 1) + j], lengths[i * (m + 1) + j + 1])
            }
        }
        var keptA = [Bool](repeating: false, count: n), keptB = [Bool](repeating: false, count: m)
        var i = 0, j = 0
        while i < n, j < m {
            if aBytes[a[i]] == bBytes[b[j]] {
                keptA[i] = true
                keptB[j] = true
                i += 1
                j += 1
            } else if lengths[(i + 1) * (m + 1) + j] >= lengths[i * (m + 1) + j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return (keptA, keptB)
    }

    /// The ranges of the tokens not kept, adjacent ones merged.
    private static func unkept(_ tokens: [Range<Int>], _ kept: [Bool]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for (token, isKept) in zip(tokens, kept) where !isKept {
            if let last = ranges.last, last.upperBound == token.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound..<token.upperBound
            } else {
                ranges.append(token)
            }
        }
        return ranges
    }
}

extension Line {
    /// The same line with its word-level changes.
    func with(changedRanges: [Range<Int>]) -> Line {
        Line(kind: kind, oldNumber: oldNumber, newNumber: newNumber, text: text, changedRanges: changedRanges,
             missingNewline: missingNewline)
    }
}
