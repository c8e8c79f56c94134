import Foundation

// `make bench`: Benchmarks [OPSWIKI-BINARY [MARKDOWN-CORPUS]], run from the repository root.
// Each benchmark is one row; HTTP and git rows are added by appending to `benchmarks`.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("-h") || arguments.contains("--help") || arguments.count > 2 {
    print("usage: Benchmarks [OPSWIKI-BINARY [MARKDOWN-CORPUS]]")
    print("  OPSWIKI-BINARY   default: .build/release/opswiki, else .build/debug/opswiki")
    print("  MARKDOWN-CORPUS  default: \(Corpus.sharedPath), else a generated ~5 MB corpus")
    print("  environment: BENCH_ONLY=WORD runs only benchmarks whose name contains WORD; BENCH_DURATION=5s for wrk")
    exit(arguments.count > 2 ? 64 : 0)
}

let opswiki = arguments.first ?? [".build/release/opswiki", ".build/debug/opswiki"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

do {
    let corpus = try Corpus.locate(arguments.count > 1 ? arguments[1] : nil)
    let benchmarks: [any Benchmark] = [
        MarkdownBenchmark(opswiki: opswiki, corpus: corpus),
        CloneBenchmark(opswiki: opswiki),
        ScaleBenchmark(opswiki: opswiki),
    ]
    // BENCH_ONLY=word runs only the benchmarks whose name contains it (e.g. `scale`, `clone`).
    let only = ProcessInfo.processInfo.environment["BENCH_ONLY"]
    ResultTable.print(try benchmarks.filter { only == nil || $0.name.contains(only ?? "") }.flatMap { try $0.run() })
} catch {
    FileHandle.standardError.write(Data("benchmarks: \(error)\n".utf8))
    exit(1)
}
