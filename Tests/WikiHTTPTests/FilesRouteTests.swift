import Foundation
import Testing
import WikiStore
@testable import WikiHTTP

/// `/files/{path}` over a real server and repository.
@Suite struct FilesRouteTests {
    static let author = Person(name: "Ada", email: "ada@example.com")

    @Test("Attachments are served with the type of their extension, nosniff and a sandbox", arguments: [
        ("images/a.png", "image/png", false), ("docs/b.PDF", "application/pdf", false), ("c.jpeg", "image/jpeg", false),
        ("d.csv", "text/csv; charset=utf-8", false), ("e.json", "application/json", false), ("f.bin", "application/octet-stream", false),
        ("g.svg", "image/svg+xml", true), ("h.html", "text/html; charset=utf-8", true), ("i.xml", "application/xml", true),
        ("j.js", "text/javascript; charset=utf-8", true), ("noext/k.weird", "application/octet-stream", false),
    ])
    func contentTypes(_ path: String, _ type: String, _ download: Bool) throws {
        let site = try ReadingSite()
        let bytes: [UInt8] = Array("<svg onload=alert(1)>".utf8) + [0, 255]
        try site.wiki.upload(path: path, bytes: bytes, author: Self.author)
        let response = try site.get("/files/" + path)
        #expect(response.status == 200)
        #expect(response.body == bytes)
        #expect(response.header("Content-Type") == type)
        #expect(response.header("X-Content-Type-Options") == "nosniff")
        #expect(response.header("Content-Security-Policy") == "sandbox")
        let name = String(path.split(separator: "/").last ?? "")
        #expect(response.header("Content-Disposition") == (download ? "attachment; filename=\"\(name)\"; filename*=UTF-8''\(name)" : nil))
    }

    @Test("The ETag is the blob id and answers 304; ?rev= serves an older version; missing files are 404")
    func revisionsAndStatuses() throws {
        let site = try ReadingSite()
        let first = try site.wiki.upload(path: "a.txt", bytes: Array("one".utf8), author: Self.author)
        try site.wiki.upload(path: "a.txt", bytes: Array("two".utf8), author: Self.author)
        let current = try site.get("/files/a.txt")
        #expect(current.text == "two")
        let blob = try site.wiki.file("a.txt").blobID
        #expect(current.header("ETag") == "\"\(blob)\"")
        #expect(try site.get("/files/a.txt", "If-None-Match: \"\(blob)\"\r\n").status == 304)
        #expect(try site.get("/files/a.txt?rev=\(first.shortID)").text == "one")
        #expect(try site.get("/files/missing.txt").status == 404)
        #expect(try site.get("/files/a.txt?rev=nothex").status == 400)
    }
}

/// The download name of an active attachment.
@Suite struct FilesDispositionTests {
    @Test("A non-ASCII name gets an ASCII fallback and the exact UTF-8 name (RFC 6266)")
    func nonASCIIName() throws {
        let site = try ReadingSite()
        try site.wiki.upload(path: "maps/ré seau.svg", bytes: Array("<svg/>".utf8), author: FilesRouteTests.author)
        let response = try site.get("/files/maps/r%C3%A9%20seau.svg")
        #expect(response.status == 200)
        #expect(response.header("Content-Disposition") == "attachment; filename=\"r_ seau.svg\"; filename*=UTF-8''r%C3%A9%20seau.svg")
    }
}
