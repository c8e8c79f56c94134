/// A deterministic mix of everyday Markdown (headings, paragraphs with inline markup, lists, quotes,
/// tables, code, raw HTML, task lists), the same bytes on every run.
enum CorpusGenerator {
    static func generate(byteCount: Int) -> [UInt8] {
        var random = SplitMix64(seed: 0x6F70_7377_696B_6921)
        var out = ""
        out.reserveCapacity(byteCount + 4096)
        var section = 0
        while out.utf8.count < byteCount {
            section += 1
            out += "\(String(repeating: "#", count: 1 + random.next(below: 3))) \(words(&random, 3...7)) \(section)\n\n"
            for _ in 0..<(3 + random.next(below: 6)) {
                out += block(&random)
                out += "\n"
            }
        }
        return Array(out.utf8)
    }

    private static let vocabulary = [
        "database", "failover", "primary", "replica", "restart", "the", "service", "check", "latency", "a",
        "runbook", "alert", "page", "on-call", "deploy", "rollback", "cluster", "node", "disk", "of", "to",
        "config", "certificate", "expiry", "queue", "backlog", "is", "when", "metrics", "dashboard", "log",
    ]

    private static func words(_ random: inout SplitMix64, _ range: ClosedRange<Int>) -> String {
        (0..<(range.lowerBound + random.next(below: range.count))).map { _ in
            vocabulary[random.next(below: vocabulary.count)]
        }.joined(separator: " ")
    }

    /// A sentence with some inline markup: emphasis, code, links, autolinks, entities, strikethrough.
    private static func sentence(_ random: inout SplitMix64) -> String {
        let text = words(&random, 4...12)
        switch random.next(below: 10) {
        case 0: return "*\(text)* and **\(words(&random, 1...3))**."
        case 1: return "\(text) `kubectl get pods -n \(words(&random, 1...1))`."
        case 2: return "See [\(words(&random, 1...3))](https://example.com/\(random.next(below: 1000)) \"title\") \(text)."
        case 3: return "\(text) <https://status.example.com/\(random.next(below: 99))> &amp; www.example.org/x."
        case 4: return "\(text) ~~\(words(&random, 1...2))~~ _\(words(&random, 1...2))_."
        case 5: return "\(text) [[Runbooks/\(words(&random, 1...2))]] \\* &copy; &#169;."
        default: return text.prefix(1).uppercased() + text.dropFirst() + "."
        }
    }

    private static func block(_ random: inout SplitMix64) -> String {
        switch random.next(below: 12) {
        case 0, 1, 2, 3:
            return (0..<(2 + random.next(below: 5))).map { _ in sentence(&random) }.joined(separator: " ") + "\n"
        case 4:
            return (0..<(2 + random.next(below: 5))).map { _ in "- \(sentence(&random))\n" }.joined()
        case 5:
            return (1...(2 + random.next(below: 4))).map { "\($0). \(sentence(&random))\n   - \(words(&random, 2...5))\n" }.joined()
        case 6:
            return (0..<(1 + random.next(below: 3))).map { _ in "> \(sentence(&random))\n" }.joined() + ">\n> > \(sentence(&random))\n"
        case 7:
            let rows = (0..<(2 + random.next(below: 6))).map { _ in
                "| \(words(&random, 1...2)) | `\(random.next(below: 100))` | \(words(&random, 1...4)) |\n"
            }
            return "| step | code | notes |\n|:-----|:----:|------:|\n" + rows.joined()
        case 8:
            let lines = (0..<(2 + random.next(below: 8))).map { _ in "  \(words(&random, 2...6)) < > & \(random.next(below: 9))\n" }
            return "```bash\n" + lines.joined() + "```\n"
        case 9:
            return "<div align=\"center\">\n<b>\(words(&random, 2...5))</b>\n</div>\n"
        case 10:
            return (0..<(2 + random.next(below: 4))).map { _ in
                "- [\(random.next(below: 2) == 0 ? " " : "x")] \(sentence(&random))\n"
            }.joined()
        default:
            return "    \(words(&random, 3...8))\n    \(words(&random, 3...8))\n"
        }
    }
}

/// SplitMix64: a tiny, well-distributed deterministic generator (Steele, Lea & Flood, 2014).
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
