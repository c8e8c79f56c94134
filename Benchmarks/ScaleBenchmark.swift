import Foundation

/// Issue 11's table: `opswiki serve` on the generated ~2,000-page / ~20,000-commit wiki (`BenchWikiGenerator`),
/// each figure over HTTP on loopback beside the issue's reference figure (Gitit, the fastest peer measured
/// there, or nginx measured here) with the ratio the issue's target asks for. Latencies are p50 of
/// sequential requests on one keep-alive connection, each after one unmeasured warm-up request.
struct ScaleBenchmark: Benchmark {
    let name = "wiki at scale"
    /// The `opswiki` executable, or nil when none was found.
    var opswiki: String?
    /// wrk's run time for the page-view row.
    var wrkDuration = ProcessInfo.processInfo.environment["BENCH_DURATION"] ?? "5s"

    /// The issue's reference figures and targets (issue 11, "Measured here on a generated wiki of that size").
    enum Reference {
        static let historyMs = 29.0, historyTargetMs = 3.0
        static let blameMs = 10_000.0, blameTargetMs = 100.0
        static let diffMs = 36.0, diffTargetMs = 4.0
        static let saveMs = 26.0, saveTargetMs = 8.0
        static let searchMs = 89.0, searchTargetMs = 5.0
        static let rssTargetMB = 100.0
        static let coldStartTargetMs = 150.0
    }

    func run() throws -> [BenchmarkResult] {
        guard let opswiki, FileManager.default.isExecutableFile(atPath: opswiki) else {
            return [BenchmarkResult(name: "page view (issue 11)", referenceName: "nginx", target: 0.5,
                                    notes: ["not measured: no opswiki binary (run `swift build -c release` first)"])]
        }
        do {
            return try measure(opswiki)
        } catch {
            return [BenchmarkResult(name: "page view (issue 11)", referenceName: "nginx", target: 0.5, notes: ["not measured: \(error)"])]
        }
    }

    private func measure(_ opswiki: String) throws -> [BenchmarkResult] {
        progress("generating or locating the benchmark wiki")
        let (source, generated) = try BenchWikiGenerator.repository()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("opswiki-scale-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let repo = scratch + "/wiki.git", users = scratch + "/users"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try Shell.run("cp", ["-a", source, repo])
        try Shell.run(opswiki, ["user", "add", "--users", users, "bench", "--email", "bench@example.com", "--role", "maintainer"],
                      input: "bench-password-1\n")
        let serve = ["serve", "--repo", repo, "--port", "0", "--users", users, "--quiet"]
        let hot = BenchWikiGenerator.pageName(BenchWikiGenerator.hotPage)
        var results: [BenchmarkResult] = []
        var startNotes = ["wiki: \(BenchWikiGenerator.pageCount) pages, \(BenchWikiGenerator.commitCount) commits, \(hot) with "
            + "\(try Shell.run("git", ["-C", repo, "rev-list", "--count", "main", "--", hot + ".md"]).trimmingCharacters(in: .whitespacesAndNewlines)) revisions ("
            + (generated.map { "generated in \(ResultTable.decimal($0, places: 1)) s" } ?? "cached in \(source)") + ")"]

        // First start ever on this copy: no derived index exists yet.
        progress("first start (no indexes yet)")
        do {
            let server = try BenchServer(opswiki, serve, portFrom: .standardError)
            defer { server.stop() }
            let client = HTTPClient(port: server.port)
            let firstPage = try timeUntilOK(client, "/wiki/\(hot)", since: server.started)
            let search = try milliseconds { _ = try expectOK(client.request("GET", "/search?q=\(BenchWikiGenerator.rareWord)")) }
            let history = try milliseconds { _ = try expectOK(client.request("GET", "/history/\(hot)")) }
            startNotes.append("first-ever start: first page view after \(format(firstPage)) ms; first search \(format(search)) ms, "
                + "first history \(format(history)) ms (what building the indexes costs the first reader)")
        }

        progress("cold start with indexes present")
        let server = try BenchServer(opswiki, serve, portFrom: .standardError)
        defer { server.stop() }
        let client = HTTPClient(port: server.port)
        let coldStart = try timeUntilOK(client, "/wiki/\(hot)", since: server.started)
        let rssAfterStart = server.residentMegabytes

        progress("page view: wrk vs nginx serving the same HTML")
        results.append(try pageView(client, server: server, page: hot, scratch: scratch))
        let rssAfterPageViews = server.residentMegabytes

        progress("history, blame, diff, search")
        let history = try p50(runs: 30) { _ = try expectOK(client.request("GET", "/history/\(hot)")) }
        results.append(row("history, first page (p50)", history, reference: Reference.historyMs, target: Reference.historyTargetMs,
                           referenceName: "Gitit"))
        let blame = try p50(runs: 10) { _ = try expectOK(client.request("GET", "/blame/\(hot)")) }
        results.append(row("blame of the 2,000-revision page (p50)", blame, reference: Reference.blameMs, target: Reference.blameTargetMs,
                           referenceName: "libgit2 blame"))
        // The page changes every tenth commit, so 50 of its revisions apart are 500 commits apart.
        let revisions = try Shell.run("git", ["-C", repo, "rev-list", "--first-parent", "main", "--", hot + ".md"]).split(separator: "\n")
        guard revisions.count > 150 else { throw Shell.Failure(description: "\(hot) has only \(revisions.count) revisions") }
        let diffPath = "/diff/\(hot)?from=\(revisions[150])&to=\(revisions[100])"
        let diff = try p50(runs: 20) { _ = try expectOK(client.request("GET", diffPath)) }
        results.append(row("diff, revisions 500 commits apart (p50)", diff, reference: Reference.diffMs, target: Reference.diffTargetMs,
                           referenceName: "Gitit"))
        var hits = 0
        let search = try p50(runs: 30) {
            let answer = try expectOK(client.request("GET", "/search?q=\(BenchWikiGenerator.rareWord)"))
            hits = answer.text.components(separatedBy: "href=\"/wiki/team-").count - 1
        }
        var searchRow = row("search, a word in ~5% of pages (p50)", search, reference: Reference.searchMs, target: Reference.searchTargetMs,
                            referenceName: "Gitit")
        searchRow.notes.append("\(BenchWikiGenerator.rareWord) is in \(BenchWikiGenerator.pageCount / 20) pages; the results page links \(hits)")
        results.append(searchRow)

        progress("200 browser saves with CSRF")
        results.append(try saves(port: server.port))

        let rssAfterLoad = server.residentMegabytes
        results.append(row("server RSS after load", rssAfterLoad, unit: "MB", reference: Reference.rssTargetMB,
                           target: Reference.rssTargetMB, referenceName: "target", notes: ["after start: \(rssAfterStart.map(format) ?? "n/a") MB; "
                               + "after the page views: \(rssAfterPageViews.map(format) ?? "n/a") MB; then history, blame, diff, search, saves"]))
        results.append(row("cold start to first page view", coldStart, reference: Reference.coldStartTargetMs,
                           target: Reference.coldStartTargetMs, referenceName: "target", notes: startNotes))
        return results
    }

    /// wrk with 16 connections on the page view, and on nginx serving the HTML it answered as a static file.
    private func pageView(_ client: HTTPClient, server: BenchServer, page: String, scratch: String) throws -> BenchmarkResult {
        var result = BenchmarkResult(name: "page view, wrk 16 connections", referenceName: "nginx static", target: 0.5)
        let answer = try expectOK(client.request("GET", "/wiki/\(page)"))
        let file = scratch + "/page.html"
        try Data(answer.body).write(to: URL(fileURLWithPath: file))
        let output = try Shell.run("Benchmarks/http-bench.sh", ["http://127.0.0.1:\(server.port)/wiki/\(page)", file, wrkDuration],
                                   environment: ["CONNECTIONS": "16", "FORMAT": "values", "CONTENT_TYPE": "text/html"])
        let fields = output.split(separator: "\n").last?.split(separator: " ").compactMap { Double($0) } ?? []
        guard fields.count == 5 else { throw Shell.Failure(description: "unexpected http-bench output: \(output)") }
        result.ours = Throughput(value: fields[1], unit: "req/s")
        result.reference = Throughput(value: fields[2], unit: "req/s")
        result.notes.append("\(answer.body.count) bytes of HTML; errors: opswiki \(Int(fields[3])), nginx \(Int(fields[4])); "
            + "Gitit serves pages at 11 req/s (issue 11)")
        if fields[3] > 0 { result.ours = nil; result.notes.append("opswiki answered with errors: not counted") }
        return result
    }

    /// Signs in with the form, then 200 times loads the edit form and posts it (CSRF token and base from the form).
    private func saves(port: Int) throws -> BenchmarkResult {
        let browser = HTTPClient(port: port)
        let login = try expectOK(browser.request("GET", "/login"))
        guard var cookie = Self.sessionCookie(login), let token = Self.hiddenField("csrf", in: login.text) else {
            throw Shell.Failure(description: "the sign-in form gave no session or CSRF token")
        }
        let signedIn = try browser.request("POST", "/login", headers: [("Cookie", cookie), ("Origin", "http://127.0.0.1:\(port)"),
                                                                      ("Content-Type", "application/x-www-form-urlencoded")],
                                           body: Array("csrf=\(Self.formEncode(token))&username=bench&password=bench-password-1&next=%2F".utf8))
        guard signedIn.status == 303, let session = Self.sessionCookie(signedIn) else {
            throw Shell.Failure(description: "signing in answered \(signedIn.status)")
        }
        cookie = session
        var posts: [Double] = [], rounds: [Double] = []
        for round in 0..<200 {
            let page = BenchWikiGenerator.pageName(100 + round % 50)
            let start = ContinuousClock.now
            let form = try expectOK(browser.request("GET", "/edit/\(page)", headers: [("Cookie", cookie)]))
            guard let csrf = Self.hiddenField("csrf", in: form.text), let base = Self.hiddenField("base", in: form.text) else {
                throw Shell.Failure(description: "the edit form of \(page) has no CSRF token or base")
            }
            let content = "# Page\n\nSaved by the benchmark, round \(round).\n"
            let body = "csrf=\(Self.formEncode(csrf))&base=\(Self.formEncode(base))&message=bench+\(round)&content=" + Self.formEncode(content)
            let posted = ContinuousClock.now
            let answer = try browser.request("POST", "/edit/\(page)", headers: [("Cookie", cookie), ("Origin", "http://127.0.0.1:\(port)"),
                                                                              ("Content-Type", "application/x-www-form-urlencoded")],
                                             body: Array(body.utf8))
            guard answer.status == 303 else { throw Shell.Failure(description: "save \(round) answered \(answer.status)") }
            posts.append(Shell.seconds(ContinuousClock.now - posted) * 1000)
            rounds.append(Shell.seconds(ContinuousClock.now - start) * 1000)
        }
        var result = row("save with CSRF, 200 sequential (p50)", median(posts), reference: Reference.saveMs, target: Reference.saveTargetMs,
                         referenceName: "Gitit")
        result.notes.append("POST /edit only; with the GET of the edit form before it p50 \(format(median(rounds))) ms; "
            + "each save is one fsynced commit")
        return result
    }

    // MARK: helpers

    /// A row whose reference is a fixed figure: ratio = ours / reference, which must stay at or below target / reference.
    private func row(_ name: String, _ ours: Double?, unit: String = "ms", reference: Double, target: Double, referenceName: String,
                     notes: [String] = []) -> BenchmarkResult {
        BenchmarkResult(name: name, ours: ours.map { Throughput(value: $0, unit: unit) }, referenceName: referenceName,
                        reference: Throughput(value: reference, unit: unit), target: target / reference, lowerIsBetter: true,
                        notes: (referenceName == "target" ? [] : ["target \(format(target)) \(unit)"]) + notes)
    }

    /// Polls `path` until it answers 200; milliseconds since `start`.
    private func timeUntilOK(_ client: HTTPClient, _ path: String, since start: ContinuousClock.Instant) throws -> Double {
        let deadline = start + .seconds(120)
        while ContinuousClock.now < deadline {
            if let answer = try? client.request("GET", path), answer.status == 200 { return Shell.seconds(ContinuousClock.now - start) * 1000 }
            usleep(1_000)
        }
        throw Shell.Failure(description: "\(path) did not answer 200 within 120 s")
    }

    private func expectOK(_ response: HTTPClient.Response) throws -> HTTPClient.Response {
        guard response.status == 200 else { throw Shell.Failure(description: "answered \(response.status): \(response.text.prefix(200))") }
        return response
    }

    private func milliseconds(_ body: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        try body()
        return Shell.seconds(ContinuousClock.now - start) * 1000
    }

    /// The median of `runs` timed calls, after one warm-up call.
    private func p50(runs: Int, _ body: () throws -> Void) throws -> Double {
        try body()
        return median(try (0..<runs).map { _ in try milliseconds(body) })
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    private func format(_ value: Double) -> String { ResultTable.decimal(value, places: value < 10 ? 2 : 1) }

    private func progress(_ step: String) {
        FileHandle.standardError.write(Data("bench: \(name): \(step)…\n".utf8))
    }

    /// `opswiki_session=…` from a response's Set-Cookie, ready for a Cookie header.
    static func sessionCookie(_ response: HTTPClient.Response) -> String? {
        response.headers.first { $0.name.lowercased() == "set-cookie" && $0.value.hasPrefix("opswiki_session=") }
            .map { String($0.value.prefix { $0 != ";" }) }
    }

    /// The value of the first `<input type="hidden" name="NAME" value="…">`.
    static func hiddenField(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// application/x-www-form-urlencoded text.
    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "").replacingOccurrences(of: "%20", with: "+")
    }
}
