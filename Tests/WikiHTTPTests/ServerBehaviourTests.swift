import Foundation
import Testing
@testable import WikiHTTP

@Suite("Server: HTTP/1.1 behaviour over real sockets")
struct ServerBehaviourTests {
    @Test func keepAliveReusesTheConnection() throws {
        let server = try TestServer()
        let client = try server.client()
        for index in 0..<3 {
            let response = try client.request(get("/echo-path/\(index)"))
            #expect(response.text == "/echo-path/\(index)|\(index)|-")
            #expect(response.header("Connection") == nil)
        }
        // All three answers came over the one connection.
        #expect(server.server.openConnections == 1)
    }

    @Test func hundredPipelinedRequestsAnswerInOrder() throws {
        let server = try TestServer()
        let client = try server.client()
        try client.send((0..<100).map { get("/echo-path/\($0)?q=\($0)") }.joined())
        for index in 0..<100 {
            #expect(try client.readResponse().text == "/echo-path/\(index)|\(index)|\(index)")
        }
    }

    @Test func chunkedRequestBody() throws {
        let server = try TestServer()
        let response = try server.client().request(
            "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nwiki\r\n1;x=y\r\n \r\n5\r\npages\r\n0\r\n\r\n")
        #expect(response.status == 200)
        #expect(response.text == "wiki pages")
    }

    @Test func chunkedStreamedResponseThenKeepAlive() throws {
        let server = try TestServer()
        let client = try server.client()
        let response = try client.request(get("/stream"))
        #expect(response.header("Transfer-Encoding") == "chunked")
        #expect(response.header("Content-Length") == nil)
        #expect(response.text == (0..<100).map { "chunk \($0)\n" }.joined())
        #expect(try client.request(get("/hello")).text == "hello")
    }

    @Test func largeStreamIsBackpressuredAndComplete() throws {
        let block = [UInt8](repeating: UInt8(ascii: "b"), count: 64 * 1024)
        let server = try TestServer({ $0.limits.streamBuffer = 128 * 1024 }) { router in
            router.get("/big") { _, _ in .stream(contentType: "application/octet-stream") { writer in
                for _ in 0..<160 { try writer.write(block) }
            } }
        }
        let response = try server.client().request(get("/big"))
        #expect(response.body.count == 160 * block.count)
        #expect(response.body.allSatisfy { $0 == UInt8(ascii: "b") })
    }

    @Test func headHasTheHeadersOfGetAndNoBody() throws {
        let server = try TestServer()
        let client = try server.client()
        let head = try client.request("HEAD /hello HTTP/1.1\r\nHost: a\r\n\r\n", head: true)
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == "5")
        #expect(head.header("Content-Type") == "text/plain; charset=utf-8")
        // Had a body been sent, it would now be read as the next status line.
        #expect(try client.request(get("/hello")).text == "hello")
    }

    @Test func ifNoneMatchAnswers304() throws {
        let server = try TestServer()
        let client = try server.client()
        let fresh = try client.request(get("/etag"))
        #expect(fresh.status == 200 && fresh.header("ETag") == "\"v1\"")
        let cached = try client.request(get("/etag", "If-None-Match: \"v0\", W/\"v1\"\r\n"))
        #expect(cached.status == 304)
        #expect(cached.header("ETag") == "\"v1\"")
        #expect(cached.body.isEmpty)
        #expect(try client.request(get("/etag", "If-None-Match: \"v2\"\r\n")).status == 200)
    }

    @Test func wrongMethodIs405WithAllow() throws {
        let server = try TestServer()
        let response = try server.client().request("DELETE /hello HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(response.status == 405)
        #expect(response.header("Allow") == "GET, HEAD")
    }

    @Test func unknownPathIs404Html() throws {
        let server = try TestServer()
        let response = try server.client().request(get("/nope"))
        #expect(response.status == 404)
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        #expect(response.text.contains("<h1>404 Not Found</h1>"))
    }

    @Test func errorsAreJSONWhenAcceptPrefersIt() throws {
        let server = try TestServer()
        let response = try server.client().request(get("/conflict", "Accept: text/html;q=0.5, application/json\r\n"))
        #expect(response.status == 409)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.text == "{\"error\":{\"status\":409,\"message\":\"x \\u003cy>\"}}\n")
    }

    @Test func errorMessagesAreEscapedInHTML() throws {
        let server = try TestServer()
        let response = try server.client().request(get("/conflict"))
        #expect(response.text.contains("<p>x &lt;y&gt;</p>"))
    }

    @Test func unexpectedErrorsAre500WithoutDetail() throws {
        let server = try TestServer()
        let response = try server.client().request(get("/crash"))
        #expect(response.status == 500)
        #expect(!response.text.contains("NSCocoaErrorDomain") && !response.text.contains("fileNoSuchFile"))
    }

    @Test func htmlResponsesCarrySecurityHeaders() throws {
        let server = try TestServer()
        for path in ["/html", "/nope"] {
            let response = try server.client().request(get(path))
            #expect(response.header("Content-Security-Policy")?.contains("script-src 'self'") == true)
            #expect(response.header("Content-Security-Policy")?.contains("unsafe-inline") == false)
            #expect(response.header("X-Content-Type-Options") == "nosniff")
            #expect(response.header("X-Frame-Options") == "DENY")
            #expect(response.header("Referrer-Policy") == "same-origin")
        }
        let plain = try server.client().request(get("/hello"))
        #expect(plain.header("X-Frame-Options") == nil)
        #expect(plain.header("X-Content-Type-Options") == "nosniff")
    }

    @Test func expectContinueGetsInterimResponse() throws {
        let server = try TestServer()
        let client = try server.client()
        try client.send("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        #expect(try client.readResponse().status == 100)
        try client.send("body")
        let response = try client.readResponse()
        #expect(response.status == 200 && response.text == "body")
    }

    @Test func expectContinueOverLimitGets413WithoutContinue() throws {
        let server = try TestServer { $0.limits.body = 10 }
        let client = try server.client()
        let response = try client.request("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")
        #expect(response.status == 413)
    }

    @Test func gzipRequestBodyIsInflated() throws {
        let server = try TestServer()
        let original = Array(String(repeating: "0032have 0123456789abcdef0123456789abcdef01234567\n", count: 200).utf8)
        let compressed = try gzip(original)
        #expect(compressed.count < original.count / 5)
        let client = try server.client()
        try client.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Encoding: gzip\r\nContent-Length: \(compressed.count)\r\n\r\n")
        try client.send(compressed)
        #expect(try client.readResponse().body == original)
    }

    @Test func gzipOverTheInflatedCapIs413() throws {
        let server = try TestServer { $0.limits.inflatedBody = 1000 }
        let compressed = try gzip([UInt8](repeating: 0, count: 100_000))
        let client = try server.client()
        try client.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Encoding: gzip\r\nContent-Length: \(compressed.count)\r\n\r\n")
        try client.send(compressed)
        #expect(try client.readResponse().status == 413)
        // The request itself was well framed, so the connection stays usable.
        #expect(try client.request(get("/hello")).text == "hello")
    }

    @Test func corruptGzipIs400() throws {
        let server = try TestServer()
        let response = try server.client().request("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Encoding: gzip\r\nContent-Length: 5\r\n\r\nhello")
        #expect(response.status == 400)
    }

    @Test func unknownContentEncodingIs415() throws {
        let server = try TestServer()
        let response = try server.client().request("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Encoding: br\r\nContent-Length: 1\r\n\r\nx")
        #expect(response.status == 415)
    }

    @Test func http10GetsAnAnswerAndAClose() throws {
        let server = try TestServer()
        let client = try server.client()
        let response = try client.request("GET /hello HTTP/1.0\r\n\r\n")
        #expect(response.text == "hello")
        #expect(response.header("Connection") == "close")
        #expect(try client.isClosed())
    }

    @Test func http10StreamIsCloseDelimited() throws {
        let server = try TestServer()
        let response = try server.client().request("GET /stream HTTP/1.0\r\n\r\n")
        #expect(response.header("Transfer-Encoding") == nil)
        #expect(response.text.hasSuffix("chunk 99\n"))
    }

    @Test func connectionCloseIsHonoured() throws {
        let server = try TestServer()
        let client = try server.client()
        let response = try client.request(get("/hello", "Connection: close\r\n"))
        #expect(response.header("Connection") == "close")
        #expect(try client.isClosed())
    }

    @Test func pathIsDecodedOnceAndNormalised() throws {
        let server = try TestServer()
        let client = try server.client()
        #expect(try client.request(get("/echo-path/a/%2e%2e/b%20c/./d?q=x+y%26")).text == "/echo-path/b c/d|b c/d|x y&")
        #expect(try client.request(get("/echo-path/%2541")).text == "/echo-path/%41|%41|-")
    }

    @Test func pathClimbingAboveTheRootIs400AndTheConnectionStaysUsable() throws {
        let server = try TestServer()
        let client = try server.client()
        // The framing was sound, so only this request fails (RFC 9112 §9.6 needs no close here).
        #expect(try client.request(get("/../etc/passwd")).status == 400)
        #expect(try client.request(get("/echo-path/%2e%2e/%2e%2e/x")).status == 400)
        #expect(try client.request(get("/hello")).text == "hello")
    }

    @Test func encodedNulInPathIs400() throws {
        let server = try TestServer()
        #expect(try server.client().request(get("/echo-path/a%00b")).status == 400)
    }

    @Test func halfClosedClientStillGetsItsAnswer() throws {
        let server = try TestServer()
        let client = try server.client()
        try client.send(get("/hello"))
        shutdown(client.descriptor, Int32(SHUT_WR))
        #expect(try client.readResponse().text == "hello")
        #expect(try client.isClosed())
    }
}

/// gzip-compresses with the system `gzip` tool (a real, independent encoder).
func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("opswiki-gzip-\(UUID().uuidString)")
    try Data(bytes).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
    process.arguments = ["-c", file.path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Array(data)
}
