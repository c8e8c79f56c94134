/// A line diff of two texts that are not commits (the user's text against the current page on a
/// conflict): common prefix and suffix trimmed, then a longest-common-subsequence table on the rest.
enum LineDiff {
    /// One line of the diff.
    struct Row: Equatable {
        enum Kind { case context, added, removed }
        let kind: Kind
        let oldNumber: Int?
        let newNumber: Int?
        let text: String
    }

    /// The most cells of the LCS table; beyond it the middle shows as all removed then all added.
    static let maximumCells = 4_000_000

    /// The rows turning `old` into `new`.
    static func rows(from old: String, to new: String) -> [Row] {
        let a = lines(old), b = lines(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var rows: [Row] = (0..<prefix).map { Row(kind: .context, oldNumber: $0 + 1, newNumber: $0 + 1, text: a[$0]) }
        let midA = Array(a[prefix..<(a.count - suffix)]), midB = Array(b[prefix..<(b.count - suffix)])
        var i = 0, j = 0
        for step in middle(midA, midB) {
            switch step {
            case .context:
                rows.append(Row(kind: .context, oldNumber: prefix + i + 1, newNumber: prefix + j + 1, text: midA[i]))
                i += 1; j += 1
            case .removed:
                rows.append(Row(kind: .removed, oldNumber: prefix + i + 1, newNumber: nil, text: midA[i]))
                i += 1
            case .added:
                rows.append(Row(kind: .added, oldNumber: nil, newNumber: prefix + j + 1, text: midB[j]))
                j += 1
            }
        }
        for k in 0..<suffix {
            rows.append(Row(kind: .context, oldNumber: a.count - suffix + k + 1, newNumber: b.count - suffix + k + 1,
                            text: a[a.count - suffix + k]))
        }
        return rows
    }

    /// The edit steps for the differing middle parts.
    private static func middle(_ a: [String], _ b: [String]) -> [Row.Kind] {
        guard !a.isEmpty, !b.isEmpty, a.count * b.count <= maximumCells else {
            return Array(repeating: .removed, count: a.count) + Array(repeating: .added, count: b.count)
        }
        // lengths[i][j]: the LCS length of a[i...] and b[j...], as one flat array.
        let width = b.count + 1
        var lengths = [Int32](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i * width + j] = a[i] == b[j] ? lengths[(i + 1) * width + j + 1] + 1
                    : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
            }
        }
        var steps: [Row.Kind] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                steps.append(.context); i += 1; j += 1
            } else if i < a.count, j == b.count || lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
                // Removals first, as `git diff` prints them.
                steps.append(.removed); i += 1
            } else {
                steps.append(.added); j += 1
            }
        }
        return steps
    }

    /// The lines of `text`, without their newlines; a final newline starts no extra line.
    private static func lines(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { result.removeLast() }
        return result
    }
}
