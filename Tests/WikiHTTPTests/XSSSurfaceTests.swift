import Foundation
import Testing
import WikiRender
import WikiStore
@testable import WikiHTTP

/// Issue 9, hostile content: every payload of `Tests/Fixtures/xss-payloads.txt` stored where a user or a
/// pusher can put text (page bodies, page names, commit messages, author names, upload file names), then
/// every page of the site that shows it crawled and checked by `SiteCrawler`.
@Suite("Hostile content: the XSS corpus through every surface of the site", .serialized)
struct XSSSurfaceTests {
    static let editor = User(name: "ed", displayName: "Ed Itor", email: "ed@example.com", role: .editor, passwordHash: "x")

    @Test("The corpus has at least 100 payloads")
    func corpusSize() {
        #expect(XSSCorpus.payloads.count >= 100)
    }

    @Test("Page bodies: view, raw, edit, history, diff, blame, commit, changes, feed and search")
    func pageBodies() throws {
        let site = try ReadingSite(user: Self.editor)
        var seeds = ["/changes", "/changes.atom", "/pages", "/search?q=alert", "/search?q=script", "/search?q=onerror"]
        for (number, payload) in XSSCorpus.payloads.enumerated() {
            // Two versions, so that the history, the diff and the blame all show the payload.
            try site.save("xss/\(number)", "zebra \(number)\n")
            try site.save("xss/\(number)", "zebra \(number)\n\n\(payload)\n")
            seeds += ["/wiki/xss/\(number)", "/history/xss/\(number)"]
        }
        let report = crawl(site, seeds)
        #expect(report.problems.isEmpty, "\(report.problems.prefix(20))")
        #expect(report.html > 4 * XSSCorpus.payloads.count)
    }

    @Test("Commit messages and author names, including names libgit2 refuses but a push can carry")
    func messagesAndAuthors() throws {
        let site = try ReadingSite(user: Self.editor)
        try site.save("Authors", "first\n")
        let commits = HostileCommits(repository: site.directory)
        for (number, payload) in XSSCorpus.payloads.enumerated() {
            try commits.commit(page: number % 2 == 0 ? "Authors" : "Other", content: "version \(number)\n",
                               author: payload, message: payload)
        }
        // libgit2's own writes: a name it accepts (no angle brackets), the payload as the message.
        for (number, payload) in XSSCorpus.payloads.enumerated()
        where !payload.contains("<") && !payload.contains(">") && !payload.contains("\n") {
            try site.save("Authors", "by \(number)\n", author: payload, message: payload + "\n\n" + payload)
        }
        var seeds = ["/changes", "/changes.atom", "/history/Authors", "/blame/Authors", "/history/Other", "/blame/Other"]
        var page = "/changes"
        // Every page of recent changes, so that every hostile commit is reached.
        for _ in 0..<20 {
            guard let next = SiteCrawler.links(in: try site.get(page).text).first(where: { $0.contains("after=") }),
                  !seeds.contains(next) else { break }
            seeds.append(next)
            page = next
        }
        let report = crawl(site, seeds)
        #expect(report.problems.isEmpty, "\(report.problems.prefix(20))")
        #expect(report.html > XSSCorpus.payloads.count)
    }

    @Test("Page names: every payload that is a valid page name, in the index, its pages and the feed")
    func pageNames() throws {
        let site = try ReadingSite(user: Self.editor)
        var seeds = ["/pages", "/changes", "/changes.atom", "/search?q=zebra"]
        var stored = 0
        for payload in XSSCorpus.payloads {
            guard let name = try? PageName(payload) else { continue }
            try site.save(name.description, "zebra\n", message: "")
            seeds.append(PagePresenter.href(name))
            stored += 1
        }
        #expect(stored >= 50)
        let report = crawl(site, seeds)
        #expect(report.problems.isEmpty, "\(report.problems.prefix(20))")
    }

    @Test("Upload file names and hostile attachments (HTML, SVG) are never served as active documents")
    func uploads() throws {
        let site = try ReadingSite(user: Self.editor)
        var seeds = ["/pages", "/changes", "/changes.atom"]
        var stored = 0
        let author = Person(name: "Uploader", email: "up@example.com")
        for payload in XSSCorpus.payloads {
            guard let path = try? AttachmentPath(payload + ".png") else { continue }
            try site.wiki.upload(path: path.description, bytes: Array(payload.utf8), author: author)
            seeds.append("/files/" + PercentEncoding.encodePath(path.description))
            stored += 1
        }
        for name in ["evil.html", "evil.svg", "evil.xml", "evil.xhtml", "evil.htm"] {
            try site.wiki.upload(path: name, bytes: Array("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(1)</script></svg>".utf8),
                                 author: author, message: "<script>alert(1)</script>")
            seeds.append("/files/" + name)
        }
        #expect(stored >= 50)
        let report = crawl(site, seeds)
        #expect(report.problems.isEmpty, "\(report.problems.prefix(20))")
    }

    @Test("Search snippets and the echoed query")
    func searchSnippets() throws {
        let site = try ReadingSite()
        for (number, payload) in XSSCorpus.payloads.enumerated() {
            try site.save("s/\(number)", "quokka \(payload) quokka\n")
        }
        var seeds = ["/search?q=quokka", "/search?q=alert", "/search?q=onerror", "/search?q=javascript"]
        seeds += XSSCorpus.payloads.prefix(60).map { "/search?q=" + PercentEncoding.encodeQueryValue($0) }
        var crawler = SiteCrawler(fetch: { try site.get($0) })
        crawler.followed = ["/search"]
        let report = crawler.crawl(from: seeds)
        #expect(report.problems.isEmpty, "\(report.problems.prefix(20))")
        #expect(try site.get("/search?q=quokka").text.contains("<mark>"))
    }

    private func crawl(_ site: ReadingSite, _ seeds: [String]) -> SiteCrawler.Report {
        SiteCrawler(fetch: { try site.get($0) }).crawl(from: seeds)
    }
}
