import Foundation
import Testing
@testable import WikiHTTP

/// The response cache over real sockets: what it answers, to whom, and how soon a write shows.
@Suite("Response cache")
struct ResponseCacheTests {
    @Test("A repeated anonymous read is answered from the cache with the same bytes")
    func repeatedReadIsCached() throws {
        let site = try CachingSite(pages: ["Home": "# Home\n\nfirst text\n"])
        let first = try site.anonymous("/raw/Home")
        #expect(site.hits == 0)
        let second = try site.anonymous("/raw/Home")
        #expect(site.hits == 1)
        #expect(first.status == 200 && second.status == 200)
        #expect(second.text == "# Home\n\nfirst text\n")
        #expect(second.body == first.body)
        #expect(second.header("Content-Type") == first.header("Content-Type"))
        #expect(second.header("ETag") == first.header("ETag"))
        #expect(second.header("Date") != nil)
    }

    @Test("A signed-in visitor's page is neither served from nor stored in the cache")
    func signedInPagesAreNeverShared() throws {
        let site = try CachingSite(pages: ["Home": "# Home\n\nwelcome\n"])
        var browser = Browser(port: site.port)
        let csrf = try browser.signIn(CachingSite.editor, password: CachingSite.password)
        #expect(csrf != nil)
        // The signed-in visitor reads first: nothing of their page may reach the anonymous visitor.
        let personal = try browser.send("GET", "/wiki/Home")
        #expect(personal.text.contains("Eddie Cachewriter"))
        let csrfToken = try #require(csrf)
        #expect(personal.text.contains(csrfToken))
        let anonymous = try site.anonymous("/wiki/Home")
        #expect(anonymous.status == 200)
        #expect(!anonymous.text.contains("Eddie Cachewriter"))
        #expect(!anonymous.text.contains(csrfToken))
        #expect(site.hits == 0)
        // Now the anonymous page is cached; the signed-in visitor still gets their own.
        _ = try site.anonymous("/wiki/Home")
        #expect(site.hits == 1)
        let again = try browser.send("GET", "/wiki/Home")
        #expect(again.text.contains("Eddie Cachewriter"))
        #expect(site.hits == 1)
    }

    @Test("Requests with credentials or a cookie are never answered from the cache")
    func credentialsBypassTheCache() throws {
        let site = try CachingSite(pages: ["Home": "home\n"])
        _ = try site.anonymous("/raw/Home")
        _ = try site.anonymous("/raw/Home")
        #expect(site.hits == 1)
        let basic = Data("\(CachingSite.editor):\(CachingSite.password)".utf8).base64EncodedString()
        let withBasic = try site.anonymous("/raw/Home", headers: "Authorization: Basic \(basic)\r\n")
        let withCookie = try site.anonymous("/raw/Home", headers: "Cookie: opswiki_session=unknown\r\n")
        #expect(withBasic.status == 200 && withCookie.status == 200)
        #expect(site.hits == 1)
    }

    @Test("A browser save shows at once, to the writer and to anonymous readers")
    func webSaveIsVisibleAtOnce() throws {
        let site = try CachingSite(pages: ["Home": "old text\n"])
        _ = try site.anonymous("/raw/Home")
        #expect(try site.anonymous("/raw/Home").text == "old text\n")
        #expect(site.hits == 1)
        var browser = Browser(port: site.port)
        let csrf = try #require(try browser.signIn(CachingSite.editor, password: CachingSite.password))
        let form = try browser.send("GET", "/edit/Home")
        let base = try #require(form.text.range(of: "name=\"base\" value=\"").map { form.text[$0.upperBound...].prefix { $0 != "\"" } })
        let saved = try browser.send("POST", "/edit/Home", form: [("csrf", csrf), ("base", String(base)), ("content", "new text\n"),
                                                                  ("message", "edit")])
        #expect(saved.status == 303)
        #expect(try site.anonymous("/raw/Home").text == "new text\n")
        #expect(try site.anonymous("/wiki/Home").text.contains("new text"))
    }

    @Test("A commit by another process shows within a second or two")
    func outsideCommitShowsSoon() throws {
        let site = try CachingSite(pages: ["Home": "before\n"], patient: false)
        #expect(try site.anonymous("/raw/Home").text == "before\n")
        try site.save("Home", "after\n")
        // The bound is the cache's (nothing answered once the tip was read 1 s ago), padded for a busy machine.
        let deadline = Date().addingTimeInterval(5)
        var text = ""
        while Date() < deadline {
            text = try site.anonymous("/raw/Home").text
            if text == "after\n" { break }
            usleep(20_000)
        }
        #expect(text == "after\n")
    }

    @Test("A cached entry answers HEAD without a body and If-None-Match with 304")
    func headAndConditionalFromCache() throws {
        let site = try CachingSite(pages: ["Home": "some text\n"])
        let full = try site.anonymous("/raw/Home")
        let etag = try #require(full.header("ETag"))
        let head = try site.anonymous("/raw/Home", method: "HEAD")
        #expect(site.hits == 1)
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == String(full.body.count))
        #expect(head.body.isEmpty)
        let notModified = try site.anonymous("/raw/Home", headers: "If-None-Match: \(etag)\r\n")
        #expect(site.hits == 2)
        #expect(notModified.status == 304)
        #expect(notModified.header("ETag") == etag)
        #expect(notModified.body.isEmpty)
        let stale = try site.anonymous("/raw/Home", headers: "If-None-Match: \"other\"\r\n")
        #expect(stale.status == 200 && stale.body == full.body)
    }

    @Test("Pipelined requests mixing cached and uncached answers come back complete and in order")
    func pipelinedMix() throws {
        let site = try CachingSite(pages: ["Home": "home page\n", "Other": "other page\n"])
        _ = try site.anonymous("/raw/Home")
        let client = try TestClient(port: site.port)
        var batch = ""
        let paths = (0..<30).map { $0 % 10 == 5 ? "/raw/Other?n=\($0)" : "/raw/Home" }
        for path in paths { batch += "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" }
        try client.send(batch)
        for path in paths {
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.text == (path.hasPrefix("/raw/Home") ? "home page\n" : "other page\n"))
        }
        #expect(site.hits >= 27)
    }

    @Test("Concurrent first reads of one page all get the page, whether they waited for one render or not")
    func concurrentFirstReads() throws {
        let site = try CachingSite(pages: ["Home": "# Home\n\nshared by all\n"])
        let clients = try (0..<8).map { _ in try TestClient(port: site.port) }
        for client in clients { try client.send("GET /wiki/Home HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") }
        let answers = try clients.map { try $0.readResponse() }
        #expect(answers.allSatisfy { $0.status == 200 && $0.text.contains("shared by all") })
        #expect(Set(answers.map(\.body)).count == 1)
    }

    @Test("A cached answer is byte for byte what the encoder writes for the same response",
          arguments: [(HTTPVersion.http1_1, true, false), (.http1_1, false, false), (.http1_0, true, false), (.http1_1, true, true)])
    func cachedEncodingMatches(_ version: HTTPVersion, _ keepAlive: Bool, _ isHead: Bool) {
        var response = Response.html(Array("<p>page</p>".utf8))
        response.headers.set("ETag", "\"abc\"")
        let date = ResponseEncoder.httpDate(784_111_777)
        let direct = ResponseEncoder.encode(response, version: version, keepAlive: keepAlive, isHead: isHead).bytes
        let cached = ResponseEncoder.encodeCached(prefix: ResponseEncoder.headPrefix(response), body: Array("<p>page</p>".utf8),
                                                  date: Array(date.utf8), version: version, keepAlive: keepAlive, isHead: isHead)
        // The direct encoding carries the current date; everything else must be the same bytes.
        let directText = String(decoding: direct, as: UTF8.self)
        let directDate = directText.components(separatedBy: "\r\n").first { $0.hasPrefix("Date: ") }.map { String($0.dropFirst(6)) }
        #expect(directDate?.count == date.count)
        #expect(String(decoding: cached, as: UTF8.self).replacingOccurrences(of: date, with: directDate ?? "") == directText)
    }

    @Test("Concurrent reads of a missing page all get their 404")
    func concurrentMissingReads() throws {
        let site = try CachingSite(pages: ["Home": "home\n"])
        let clients = try (0..<6).map { _ in try TestClient(port: site.port) }
        for client in clients { try client.send("GET /wiki/Nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") }
        let answers = try clients.map { try $0.readResponse() }
        #expect(answers.map(\.status) == Array(repeating: 404, count: 6))
        #expect(site.hits == 0)
    }

    @Test("Only successful reads are kept: a missing page stays a 404 after it is created")
    func errorsAreNotCached() throws {
        let site = try CachingSite(pages: ["Home": "home\n"])
        #expect(try site.anonymous("/raw/Later").status == 404)
        #expect(try site.anonymous("/raw/Later").status == 404)
        #expect(site.hits == 0)
        var browser = Browser(port: site.port)
        let csrf = try #require(try browser.signIn(CachingSite.editor, password: CachingSite.password))
        #expect(try browser.send("POST", "/edit/Later", form: [("csrf", csrf), ("content", "created\n")]).status == 303)
        #expect(try site.anonymous("/raw/Later").text == "created\n")
    }
}
