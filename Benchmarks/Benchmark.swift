/// One row of `make bench`: a measurement of opswiki beside the same work done by a reference tool.
protocol Benchmark {
    /// The row's name, e.g. `markdown render`.
    var name: String { get }
    /// Runs the measurement (one or more rows); problems that only make a figure unavailable are reported in the results.
    func run() throws -> [BenchmarkResult]
}

/// A measured figure with its unit, e.g. 21.9 MB/s (higher is better) or 1.2 s (lower is better).
struct Throughput {
    var value: Double
    var unit: String
}

/// What one benchmark found: our figure, the reference's, and the ratio it must reach.
struct BenchmarkResult {
    var name: String
    /// opswiki's figure, or nil with a reason in `notes`.
    var ours: Throughput?
    /// The reference tool's name (`cmark-gfm`).
    var referenceName: String
    /// The reference's figure, or nil with a reason in `notes`.
    var reference: Throughput?
    /// The least acceptable `ours / reference` (the greatest one when `lowerIsBetter`).
    var target: Double
    /// True for times: then `ours / reference` must stay at or below `target`.
    var lowerIsBetter = false
    /// Why a figure is missing, which input was used, and so on.
    var notes: [String] = []

    /// `ours / reference` when both were measured.
    var ratio: Double? {
        guard let ours, let reference, reference.value > 0 else { return nil }
        return ours.value / reference.value
    }
}
