import Foundation
import Testing
import WikiStore
@testable import WikiHTTP

/// `/changes.atom`, checked by parsing it with Python's `xml.etree.ElementTree`.
@Suite struct FeedRouteTests {
    @Test("The Atom feed parses and carries the feed and entry values with absolute links from the Host")
    func parsesWithPython() throws {
        let site = try ReadingSite()
        let first = try site.save("Home", "one\n", author: "Ada Lovelace", message: "First <b>bold</b> & more",
                                  date: Date(timeIntervalSince1970: 1_700_000_000))
        let second = try site.save("Home", "two\n", author: "Grace \"G\" Hopper", message: "Second\n\nWith a body.",
                                   date: Date(timeIntervalSince1970: 1_700_000_600))
        let response = try site.get("/changes.atom")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/atom+xml; charset=utf-8")
        #expect(response.header("ETag") != nil)
        let file = site.directory + "-feed.xml"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data(response.body).write(to: URL(fileURLWithPath: file))
        let lines = try python(file).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "feed|http://wiki.test:8080/changes|Test wiki: recent changes")
        #expect(lines[1] == "links|self=http://wiki.test:8080/changes.atom|alternate=http://wiki.test:8080/changes")
        #expect(lines[2] == "updated|" + DateText.iso(try site.wiki.commit(second.id.description).commit.committer.date))
        #expect(lines[3] == "entry|urn:opswiki:commit:\(second.id)|Second|Grace \"G\" Hopper|http://wiki.test:8080/commit/\(second.id)")
        #expect(lines[4] == "entry|urn:opswiki:commit:\(first.id)|First <b>bold</b> & more|Ada Lovelace|http://wiki.test:8080/commit/\(first.id)")
        #expect(lines[5] == "content|First <b>bold</b> & more\\n\\nadded: Home.md")
        #expect(!response.text.contains("<b>"))
    }

    @Test("A forged Host header is refused")
    func badHost() throws {
        let site = try ReadingSite()
        try site.save("Home", "one\n")
        let client = try TestClient(port: site.server.port)
        let response = try client.request("GET /changes.atom HTTP/1.1\r\nHost: evil.test/\"><x\r\nConnection: close\r\n\r\n")
        #expect(response.status == 400)
    }

    /// Runs python3 over the feed: one line per value, `|`-separated.
    private func python(_ path: String) throws -> String {
        let script = """
        import sys, xml.etree.ElementTree as ET
        ns = {"a": "http://www.w3.org/2005/Atom"}
        root = ET.parse(sys.argv[1]).getroot()
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
        print("feed|" + root.find("a:id", ns).text + "|" + root.find("a:title", ns).text)
        print("links|" + "|".join(l.get("rel") + "=" + l.get("href") for l in root.findall("a:link", ns)))
        print("updated|" + root.find("a:updated", ns).text)
        entries = root.findall("a:entry", ns)
        for e in entries:
            print("entry|" + e.find("a:id", ns).text + "|" + e.find("a:title", ns).text + "|" + e.find("a:author/a:name", ns).text + "|" + e.find("a:link", ns).get("href"))
        print("content|" + entries[-1].find("a:content", ns).text.replace("\\n", "\\\\n"))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }
}
