import Foundation

/// The benchmarks' wiki (issue 11): ~2,000 Markdown pages of 2–20 KB in 40 folders and 20,000 commits (one that
/// adds every page, then edits of 1–2 pages each, a few hot pages edited often; `hotPage` in every tenth commit,
/// ~2,000 revisions; `movedPage` renamed half-way; `rareWord` in the title of every twentieth page), written with
/// `git fast-import` and repacked by git with a full delta search (`repack -adf`: fast-import's own deltas are
/// poor, 85 MB instead of 14 MB, which would flatter opswiki against git http-backend). Deterministic; cached under `.build/bench-wiki/v<version>` so
/// repeated runs reuse it (change `version` whenever the output changes).
enum BenchWikiGenerator {
    static let version = 3
    /// The page with ~2,000 revisions (history, blame and diff are measured on it).
    static let hotPage = 0
    /// The page renamed at commit `commitCount / 2`.
    static let movedPage = 1_999
    /// A word in ~5% of the pages (search is measured with it).
    static let rareWord = "zeppelin"
    static let pageCount = 2_000
    static let commitCount = 20_000

    /// The cached bare repository, generated first when missing; returns it and what generation cost (nil: cached).
    static func repository(under root: String = ".build/bench-wiki") throws -> (path: String, generationSeconds: Double?) {
        let directory = "\(root)/v\(version)"
        let repo = directory + "/wiki.git", marker = directory + "/complete"
        if FileManager.default.fileExists(atPath: marker) { return (repo, nil) }
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let start = ContinuousClock.now
        try Shell.run("git", ["init", "-q", "--bare", "-b", "main", repo])
        try fastImport(into: repo)
        try Shell.run("git", ["-C", repo, "repack", "-adfq"])
        try Shell.run("git", ["-C", repo, "pack-refs", "--all"])
        let seconds = Shell.seconds(ContinuousClock.now - start)
        try Data("generated in \(seconds) s\n".utf8).write(to: URL(fileURLWithPath: marker))
        return (repo, seconds)
    }

    /// Streams every commit into `git fast-import` (git-fast-import(1): `commit`, `M 100644 inline`, `data`).
    private static func fastImport(into repo: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", repo, "fast-import", "--quiet"]
        let input = Pipe()
        process.standardInput = input
        try process.run()
        let sink = input.fileHandleForWriting
        var random = SplitMix64(seed: 0x636C_6F6E_6562_656E)
        var pages = (0..<pageCount).map { index in page(index, &random) }
        var out: [UInt8] = []
        func data(_ bytes: [UInt8]) { out += Array("data \(bytes.count)\n".utf8) + bytes + [10] }
        for commit in 0..<commitCount {
            var touched: [Int]
            if commit == 0 {
                touched = Array(0..<pageCount)
            } else {
                touched = [random.next(below: 10) < 3 ? random.next(below: 20) : random.next(below: pageCount)]
                if random.next(below: 5) == 0 { touched.append(random.next(below: pageCount)) }
                if commit % 10 == 0 { touched.append(hotPage) }
                for index in touched { edit(&pages[index], &random) }
            }
            out += Array("commit refs/heads/main\ncommitter Bench <bench@example.com> \(1_600_000_000 + commit * 600) +0000\n".utf8)
            data(Array((commit == 0 ? "Import \(pageCount) pages" : "Edit \(touched.map { path($0) }.joined(separator: ", "))").utf8))
            if commit == commitCount / 2 {
                out += Array("R \(path(movedPage, atCommit: commit - 1)) \(path(movedPage))\n".utf8)
            }
            for index in Set(touched).sorted() {
                out += Array("M 100644 inline \(path(index, atCommit: commit))\n".utf8)
                data(Array(pages[index].joined(separator: "\n").utf8))
            }
            out.append(10)
            if out.count > 1 << 20 || commit == commitCount - 1 {
                try sink.write(contentsOf: out)
                out.removeAll(keepingCapacity: true)
            }
        }
        try sink.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Shell.Failure(description: "git fast-import failed") }
    }

    /// `team-NN/page-NNNN.md` in commit `commit` (`movedPage` is `…-moved.md` from the middle commit on).
    static func path(_ index: Int, atCommit commit: Int = commitCount) -> String {
        "team-\(index % 40)/page-\(index)\(index == movedPage && commit >= commitCount / 2 ? "-moved" : "").md"
    }

    /// The page name of `path(index)` (without `.md`).
    static func pageName(_ index: Int) -> String {
        String(path(index).dropLast(3))
    }

    /// A page of 2–20 KB as lines.
    private static func page(_ index: Int, _ random: inout SplitMix64) -> [String] {
        var lines = ["# Page \(index)" + (index % 20 == 0 ? " \(rareWord)" : ""), ""]
        let size = 2_000 + random.next(below: 18_000)
        var bytes = 0
        while bytes < size {
            let line = sentence(&random)
            bytes += line.utf8.count + 1
            lines.append(line)
        }
        return lines
    }

    /// Replaces one line, or (below 20 KB) appends one.
    private static func edit(_ lines: inout [String], _ random: inout SplitMix64) {
        if random.next(below: 2) == 0, lines.reduce(0, { $0 + $1.utf8.count }) < 20_000 {
            lines.append(sentence(&random))
        } else {
            lines[2 + random.next(below: lines.count - 2)] = sentence(&random)
        }
    }

    private static let vocabulary = [
        "database", "failover", "primary", "replica", "restart", "the", "service", "check", "latency", "a",
        "runbook", "alert", "page", "on-call", "deploy", "rollback", "cluster", "node", "disk", "of", "to",
        "config", "certificate", "expiry", "queue", "backlog", "is", "when", "metrics", "dashboard", "log",
    ]

    /// A line of 8–20 words, sometimes a list item.
    private static func sentence(_ random: inout SplitMix64) -> String {
        let words = (0..<(8 + random.next(below: 13))).map { _ in vocabulary[random.next(below: vocabulary.count)] }
        return (random.next(below: 4) == 0 ? "- " : "") + words.joined(separator: " ") + "."
    }
}
