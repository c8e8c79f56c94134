/// Prints benchmark results as one aligned table, notes below it.
enum ResultTable {
    static let header = ["benchmark", "opswiki", "reference", "ratio", "target", ""]

    static func print(_ results: [BenchmarkResult]) {
        let rows = results.map(row)
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for cells in [header] + rows {
            let line = cells.indices.map { cells[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
            Swift.print(line.joined(separator: "  ").trimmingTrailingSpaces())
        }
        for result in results {
            for note in result.notes { Swift.print("  \(result.name): \(note)") }
        }
    }

    private static func row(_ result: BenchmarkResult) -> [String] {
        let verdict: String
        if let ratio = result.ratio {
            verdict = (result.lowerIsBetter ? ratio <= result.target : ratio >= result.target) ? "ok" : "MISSES TARGET"
        } else {
            verdict = "not measured"
        }
        return [
            result.name,
            result.ours.map(format) ?? "n/a",
            "\(result.referenceName) \(result.reference.map(format) ?? "n/a")",
            result.ratio.map { decimal($0, places: 2) } ?? "n/a",
            "\(result.lowerIsBetter ? "<=" : ">=") \(decimal(result.target, places: 2))",
            verdict,
        ]
    }

    private static func format(_ throughput: Throughput) -> String {
        "\(decimal(throughput.value, places: throughput.unit == "s" ? 2 : 1)) \(throughput.unit)"
    }

    /// `value` with a fixed number of decimals (no Foundation formatting, so output is locale-free).
    static func decimal(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(abs(scaled) % Int(scale))
        let padded = String(repeating: "0", count: places - fraction.count) + fraction
        return places == 0 ? "\(whole)" : "\(whole).\(padded)"
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
