import Foundation

/// Follows a site's own links breadth-first from some start paths and checks every response it gets:
/// HTML must hold nothing executable (`ExecutableContent`), the Atom feed only text content, raw pages
/// and attachments must never be served as HTML.
struct SiteCrawler {
    /// Fetches a path (with its query) and returns the response.
    let fetch: (String) throws -> TestClient.Response
    /// Links under these prefixes are followed.
    var followed = ["/wiki/", "/history/", "/diff/", "/blame/", "/commit/", "/changes", "/pages", "/search", "/raw/",
                    "/files/", "/edit/", "/rename/", "/delete/"]
    /// At most this many requests.
    var limit = 4000

    /// What the crawl saw: how many responses of each kind, and every problem found.
    struct Report {
        var fetched = 0
        var html = 0
        var problems: [String] = []
    }

    /// Crawls from `start`.
    func crawl(from start: [String]) -> Report {
        var report = Report()
        var queue = start
        var seen = Set(start)
        while !queue.isEmpty, report.fetched < limit {
            let path = queue.removeFirst()
            let response: TestClient.Response
            do { response = try fetch(path) } catch {
                report.problems.append("\(path): \(error)")
                continue
            }
            report.fetched += 1
            let type = response.header("Content-Type") ?? ""
            if response.status >= 500 { report.problems.append("\(path): status \(response.status)") }
            if path.hasPrefix("/raw/") || path.hasPrefix("/files/") {
                if let problem = Self.downloadProblem(response, path: path) { report.problems.append("\(path): \(problem)") }
            } else if type.hasPrefix("text/html") {
                report.html += 1
                if let problem = ExecutableContent.find(in: response.text) { report.problems.append("\(path): \(problem)") }
                for link in Self.links(in: response.text) where followed.contains(where: link.hasPrefix) && !seen.contains(link) {
                    seen.insert(link)
                    queue.append(link)
                }
            } else if path.hasPrefix("/changes.atom") {
                if let problem = Self.feedProblem(response.text) { report.problems.append("\(path): \(problem)") }
            }
        }
        return report
    }

    /// Raw pages and attachments are never documents that can run script: both carry nosniff, a raw page is
    /// Markdown text, and an attachment has a type a browser could render as a document (HTML, XML, SVG) only as a
    /// sandboxed download.
    static func downloadProblem(_ response: TestClient.Response, path: String) -> String? {
        guard response.status == 200 else { return nil }
        let type = (response.header("Content-Type") ?? "").lowercased()
        if response.header("X-Content-Type-Options") != "nosniff" { return "no nosniff on \(type)" }
        if path.hasPrefix("/raw/") { return type.hasPrefix("text/markdown") ? nil : "a raw page served as \(type)" }
        let active = ["html", "xml", "svg", "javascript", "ecmascript"].contains { type.contains($0) }
        guard active else { return nil }
        let sandboxed = response.header("Content-Security-Policy")?.contains("sandbox") == true
        let download = response.header("Content-Disposition")?.lowercased().hasPrefix("attachment") == true
        return sandboxed && download ? nil : "\(type) served without sandbox and attachment disposition"
    }

    /// The site-relative `href` values of `html`, references decoded.
    static func links(in html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().compactMap { part in
            guard let end = part.firstIndex(of: "\"") else { return nil }
            let link = ExecutableContent.decode(String(part[..<end]))
            guard link.hasPrefix("/"), !link.hasPrefix("//") else { return nil }
            return link.split(separator: "#", maxSplits: 1).first.map(String.init)
        }
    }

    /// The Atom feed may carry only the elements opswiki writes, with text (never HTML) content.
    static func feedProblem(_ xml: String) -> String? {
        let allowed: Set<String> = ["feed", "id", "title", "updated", "link", "generator", "entry", "published", "author",
                                    "name", "content"]
        for part in xml.components(separatedBy: "<").dropFirst() {
            let name = String(part.prefix { $0.isLetter || $0 == "/" || $0 == "?" || $0 == ":" }).trimmingCharacters(in: ["/"])
            if name == "?xml" { continue }
            guard allowed.contains(name) else { return "unexpected element <\(name)> in the feed" }
        }
        if xml.contains("type=\"html\"") || xml.contains("type=\"xhtml\"") { return "HTML content in the feed" }
        return nil
    }
}
