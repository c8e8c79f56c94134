import Foundation

/// `git clone --bare` of the generated wiki (`BenchWikiGenerator`) from `opswiki serve` and from
/// `git http-backend` (behind `git-http-backend-host.py`), both on loopback, best of `runs`:
/// (a) repeated clones, the clone pack cache warm; (b) a clone right after a new commit pushed by a
/// maintainer (the same commit is pushed into the reference's copy). Rows are seconds; lower is better.
struct CloneBenchmark: Benchmark {
    let name = "git clone"
    /// The `opswiki` executable, or nil when none was found.
    var opswiki: String?
    var runs = 3

    func run() throws -> [BenchmarkResult] {
        var repeated = BenchmarkResult(name: "clone, repeated", referenceName: "git http-backend", target: 1.0, lowerIsBetter: true)
        var afterCommit = BenchmarkResult(name: "clone after a commit", referenceName: "git http-backend", target: 1.5, lowerIsBetter: true)
        guard let opswiki, FileManager.default.isExecutableFile(atPath: opswiki) else {
            repeated.notes.append("not measured: no opswiki binary (run `swift build -c release` first)")
            return [repeated, afterCommit]
        }
        do {
            try measure(opswiki, &repeated, &afterCommit)
        } catch {
            repeated.notes.append("not measured: \(error)")
        }
        return [repeated, afterCommit]
    }

    private func measure(_ opswiki: String, _ repeated: inout BenchmarkResult, _ afterCommit: inout BenchmarkResult) throws {
        let (source, generated) = try BenchWikiGenerator.repository()
        repeated.notes.append("wiki: \(BenchWikiGenerator.pageCount) pages, \(BenchWikiGenerator.commitCount) commits (git fast-import; "
            + (generated.map { "generated in \(ResultTable.decimal($0, places: 1)) s" } ?? "cached in \(source)") + "); best of \(runs)")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("opswiki-clone-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let ours = scratch + "/opswiki/wiki.git", theirs = scratch + "/git/wiki.git"
        for copy in [ours, theirs] {
            try FileManager.default.createDirectory(atPath: (copy as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Shell.run("cp", ["-a", source, copy])
        }
        let users = scratch + "/users"
        try Shell.run(opswiki, ["user", "add", "--users", users, "bench", "--email", "bench@example.com", "--role", "maintainer"],
                      input: "bench-password-1\n")
        let server = try BenchServer(opswiki, ["serve", "--repo", ours, "--port", "0", "--users", users, "--quiet"], portFrom: .standardError)
        defer { server.stop() }
        // Benchmarks run from the repository root (main.swift).
        let reference = try BenchServer("/usr/bin/env", ["python3", "Benchmarks/git-http-backend-host.py", scratch + "/git"], portFrom: .standardOutput)
        defer { reference.stop() }
        let oursURL = "http://127.0.0.1:\(server.port)/wiki.git", theirsURL = "http://127.0.0.1:\(reference.port)/wiki.git"
        var count = 0
        func clone(_ url: String, keep: Bool = false) throws -> Double {
            count += 1
            let target = scratch + "/clone-\(count).git"
            defer { if !keep { try? FileManager.default.removeItem(atPath: target) } }
            let start = ContinuousClock.now
            try Shell.run("git", ["clone", "--bare", "-q", url, target], environment: ["GIT_TERMINAL_PROMPT": "0"])
            return Shell.seconds(ContinuousClock.now - start)
        }
        let first = try clone(oursURL)
        _ = try clone(theirsURL)
        repeated.notes.append("first opswiki clone after start (pack built or being built in the background): \(ResultTable.decimal(first, places: 2)) s")
        var best = (ours: Double.infinity, theirs: Double.infinity)
        for _ in 0..<runs {
            best.ours = min(best.ours, try clone(oursURL))
            best.theirs = min(best.theirs, try clone(theirsURL))
        }
        repeated.ours = Throughput(value: best.ours, unit: "s")
        repeated.reference = Throughput(value: best.theirs, unit: "s")

        let work = scratch + "/work"
        try Shell.run("git", ["clone", "-q", theirs, work])
        let identity = ["GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com", "GIT_COMMITTER_NAME": "Bench",
                        "GIT_COMMITTER_EMAIL": "bench@example.com", "GIT_TERMINAL_PROMPT": "0"]
        let pushURL = "http://bench:bench-password-1@127.0.0.1:\(server.port)/wiki.git"
        best = (Double.infinity, Double.infinity)
        for round in 0..<runs {
            let page = URL(fileURLWithPath: work + "/" + BenchWikiGenerator.path(round))
            try (String(contentsOf: page, encoding: .utf8) + "Benchmark edit \(round).\n").write(to: page, atomically: true, encoding: .utf8)
            try Shell.run("git", ["-C", work, "commit", "-qam", "Benchmark edit \(round)"], environment: identity)
            try Shell.run("git", ["-C", work, "push", "-q", pushURL, "HEAD:main"], environment: identity)
            try Shell.run("git", ["-C", work, "push", "-q", theirs, "HEAD:main"], environment: identity)
            best.ours = min(best.ours, try clone(oursURL))
            best.theirs = min(best.theirs, try clone(theirsURL))
        }
        // A fast answer must also be a right one: the last clone has the new tip and every object of the reference.
        _ = try clone(oursURL, keep: true)
        let kept = scratch + "/clone-\(count).git"
        let objects = { (repo: String) in try Shell.run("git", ["-C", repo, "rev-list", "--objects", "--all"]).split(separator: "\n").count }
        guard try Shell.run("git", ["-C", kept, "rev-parse", "main"]) == Shell.run("git", ["-C", work, "rev-parse", "HEAD"]),
              try objects(kept) == objects(theirs) else {
            throw Shell.Failure(description: "the opswiki clone after a commit differs from the reference repository")
        }
        afterCommit.ours = Throughput(value: best.ours, unit: "s")
        afterCommit.reference = Throughput(value: best.theirs, unit: "s")
        afterCommit.notes.append("each round: a commit pushed over HTTP by a maintainer, then at once one clone from each server")
    }
}
