import Foundation

/// Renders the corpus with `opswiki render` and with `cmark-gfm`, same flags, each as a process
/// reading the file on stdin with output to /dev/null; best of `runs`; throughput in MB/s.
struct MarkdownBenchmark: Benchmark {
    let name = "markdown render"
    /// The `opswiki` executable, or nil when none was found.
    var opswiki: String?
    var corpus: Corpus
    var runs = 5

    /// The flags both renderers get: raw HTML through and all five GFM extensions, as in the
    /// reference figure of `../shared/bench/README.md`.
    static let sharedFlags = ["--unsafe", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter",
                              "-e", "tasklist"]

    func run() throws -> [BenchmarkResult] {
        var result = BenchmarkResult(name: name, referenceName: "cmark-gfm", target: 0.5)
        result.notes.append("input: \(corpus.description), \(corpus.byteCount) bytes; best of \(runs) runs")
        if let opswiki, !FileManager.default.isExecutableFile(atPath: opswiki) {
            result.notes.append("opswiki not measured: \(opswiki) is not an executable file")
        } else if let opswiki {
            let timer = ProcessTimer(executable: opswiki, arguments: ["render", "--pure"] + Self.sharedFlags)
            do {
                try checkRenders(timer)
                result.ours = throughput(try timer.best(of: runs, input: corpus.path))
            } catch {
                result.notes.append("opswiki not measured: \(error)")
            }
        } else {
            result.notes.append("opswiki not measured: no binary (pass its path, or run `swift build -c release` first)")
        }
        if let cmark = ProcessTimer.find("cmark-gfm") {
            let timer = ProcessTimer(executable: cmark, arguments: Self.sharedFlags)
            do {
                result.reference = throughput(try timer.best(of: runs, input: corpus.path))
            } catch {
                result.notes.append("cmark-gfm not measured: \(error)")
            }
        } else {
            result.notes.append("cmark-gfm not installed (Debian package cmark-gfm); reference skipped")
        }
        return [result]
    }

    private func throughput(_ seconds: Double) -> Throughput {
        Throughput(value: Double(corpus.byteCount) / 1_000_000 / seconds, unit: "MB/s")
    }

    /// A program that exits 0 without rendering (an old build, a missing subcommand) must not be timed.
    private func checkRenders(_ timer: ProcessTimer) throws {
        let sample = FileManager.default.temporaryDirectory.appendingPathComponent("opswiki-bench-check.md").path
        try Data("*it* ~~works~~\n".utf8).write(to: URL(fileURLWithPath: sample))
        defer { try? FileManager.default.removeItem(atPath: sample) }
        let html = try timer.output(for: sample)
        guard html.contains("<em>it</em>"), html.contains("<del>works</del>") else {
            throw ProcessTimer.Failure(description: "`opswiki render` did not render a sample (got \(html.prefix(60).debugDescription))")
        }
    }
}
