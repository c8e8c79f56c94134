import Foundation
import Testing
import WikiStore
@testable import WikiHTTP

/// `/commit/{rev}` over a real server and repository.
@Suite struct CommitRouteTests {
    @Test("A commit page shows the escaped message in paragraphs, the author, the parent and every file")
    func showsEverything() throws {
        let site = try ReadingSite()
        try site.save("Keep", "k\n", message: "Root")
        try site.save("Gone", "bye\n")
        try site.wiki.upload(path: "img/logo.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0, 1, 2],
                             author: Person(name: "Ada Lovelace", email: "ada@example.com"))
        let base = try #require(try site.wiki.head())
        // One commit that adds, modifies, deletes and renames, made with the git CLI against the bare repository.
        let work = site.directory + "-work"
        defer { try? FileManager.default.removeItem(atPath: work) }
        try run(["git", "clone", "-q", site.directory, work])
        try "k\nmore\n".write(toFile: work + "/Keep.md", atomically: true, encoding: .utf8)
        try "new page\n".write(toFile: work + "/Fresh.md", atomically: true, encoding: .utf8)
        try run(["git", "-C", work, "rm", "-q", "Gone.md"])
        try run(["git", "-C", work, "mv", "img/logo.png", "img/brand.png"])
        try run(["git", "-C", work, "add", "-A"])
        try run(["git", "-C", work, "-c", "user.name=Eve \"&\" Co", "-c", "user.email=eve@example.com", "commit", "-q",
                 "-m", "Tidy <script>alert(1)</script>\n\nWhy: the <b>old</b> page\nwas stale.\n\nSecond paragraph."])
        try run(["git", "-C", work, "push", "-q", "origin", "HEAD:main"])
        let tip = try #require(try site.wiki.head())
        let response = try site.get("/commit/\(tip.shortID)")
        #expect(response.status == 200)
        let body = response.text
        #expect(!body.contains("<script>") && !body.contains("<b>old"))
        #expect(body.contains("<h1>Tidy &lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(body.contains("<p>Why: the &lt;b&gt;old&lt;/b&gt; page\nwas stale.</p><p>Second paragraph.</p>"))
        #expect(body.contains("Eve &quot;&amp;&quot; Co"))
        #expect(body.contains("href=\"/commit/\(base.id)\""))
        #expect(body.contains("4 files changed"))
        for (path, change) in [("Fresh.md", "added"), ("Gone.md", "deleted"), ("Keep.md", "modified"), ("img/brand.png", "renamed")] {
            #expect(body.contains(">\(path)</a> <span class=\"tag tag-\(change)\">\(change)</span>")
                    || body.contains(">\(path)</a> <span class=\"tag tag-\(change)\">"), "\(path) \(change)")
        }
        #expect(body.contains("Binary file, not shown.") || body.contains("Renamed without changes."))
        #expect(body.contains("<ins>more</ins>") || body.contains("<td class=\"code\">more</td>"))
        #expect(body.contains("href=\"/wiki/Fresh?rev=\(tip.id)\""))
        #expect(body.contains("<a href=\"/commit/\(tip.id).patch\" download>patch</a>"))
    }

    @Test("A root commit says so; unknown and malformed revisions are 404 and 400; the ETag answers 304")
    func statuses() throws {
        let site = try ReadingSite()
        let root = try site.save("Home", "hello\n", message: "First")
        let response = try site.get("/commit/\(root.id)")
        #expect(response.status == 200)
        #expect(response.text.contains("Root commit"))
        #expect(response.text.contains("1 file changed"))
        #expect(try site.get("/commit/0123456789abcdef").status == 404)
        #expect(try site.get("/commit/not-a-rev").status == 400)
        #expect(try site.get("/commit/\(root.id)?view=wide").status == 400)
        let tag = try #require(response.header("ETag"))
        #expect(try site.get("/commit/\(root.id)", "If-None-Match: \(tag)\r\n").status == 304)
    }

    private func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]) { $1 }
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestClient.Failure(description: "\(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
    }
}
