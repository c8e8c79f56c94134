import Testing
@testable import WikiHTTP

/// Sends `raw` on a fresh connection, expects `status` and a closed connection, then checks that the
/// server still serves the next client.
private func expectRejected(_ server: TestServer, _ raw: String, status: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let client = try server.client()
    try client.send(raw)
    let response = try client.readResponse()
    #expect(response.status == status, sourceLocation: sourceLocation)
    #expect(response.header("Connection") == "close", sourceLocation: sourceLocation)
    #expect(try client.isClosed(), sourceLocation: sourceLocation)
    let next = try server.client().request(get("/hello"))
    #expect(next.status == 200 && next.text == "hello", sourceLocation: sourceLocation)
}

@Suite("Server: each limit and strictness rule answers its status, closes, and the server serves on")
struct ServerStrictnessTests {
    static let rules: [(String, String, Int)] = [
        ("Content-Length with Transfer-Encoding", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc", 400),
        ("duplicate Content-Length", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 400),
        ("differing Content-Length", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400),
        ("non-numeric Content-Length", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n", 400),
        ("bare CR", "GET /hello HTTP/1.1\r\nHost: a\r\nX: 1\r2\r\n\r\n", 400),
        ("obs-fold", "GET /hello HTTP/1.1\r\nHost: a\r\nX: 1\r\n 2\r\n\r\n", 400),
        ("invalid chunk size", "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n", 400),
        ("invalid chunk extension", "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;;\r\nabc\r\n0\r\n\r\n", 400),
        ("NUL in target", "GET /he\u{0}llo HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("control byte in header value", "GET /hello HTTP/1.1\r\nHost: a\r\nX: \u{1b}[31m\r\n\r\n", 400),
        ("missing Host", "GET /hello HTTP/1.1\r\n\r\n", 400),
        ("request line over the limit", "GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414),
        ("header section over the limit", "GET /hello HTTP/1.1\r\nHost: a\r\n" + String(repeating: "X-Pad: " + String(repeating: "p", count: 1000) + "\r\n", count: 70) + "\r\n", 431),
        ("too many headers", "GET /hello HTTP/1.1\r\nHost: a\r\n" + (0..<101).map { "X-\($0): 1\r\n" }.joined() + "\r\n", 431),
        ("body over the limit (by Content-Length, body not sent)", "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 40000000\r\n\r\n", 413),
        ("unsupported transfer coding", "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: br, chunked\r\n\r\n", 501),
        ("unknown expectation", "POST /echo HTTP/1.1\r\nHost: a\r\nExpect: magic\r\nContent-Length: 1\r\n\r\nx", 417),
    ]

    @Test("rule", arguments: rules)
    func rule(_ name: String, _ raw: String, _ status: Int) throws {
        let server = try TestServer()
        try expectRejected(server, raw, status: status)
    }

    @Test func chunkedBodyOverTheLimitIs413() throws {
        let server = try TestServer { $0.limits.body = 1000 }
        let chunk = String(repeating: "z", count: 600)
        try expectRejected(server, "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n", status: 413)
    }

    @Test func headerReadTimeoutIs408() throws {
        let server = try TestServer { $0.timeouts.headerRead = .milliseconds(300) }
        try expectRejected(server, "GET /hello HTTP/1.1\r\nHost: a\r\n", status: 408)
    }

    @Test func bodyReadTimeoutIs408() throws {
        let server = try TestServer { $0.timeouts.bodyRead = .milliseconds(300) }
        try expectRejected(server, "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc", status: 408)
    }

    @Test func idleKeepAliveTimeoutClosesQuietly() throws {
        let server = try TestServer { $0.timeouts.idle = .milliseconds(300) }
        let client = try server.client()
        #expect(try client.request(get("/hello")).status == 200)
        #expect(try client.isClosed())
        #expect(try server.client().request(get("/hello")).text == "hello")
    }

    @Test func maxConnectionsAnswers503() throws {
        let server = try TestServer { $0.maxConnections = 2 }
        let second = try server.client()
        #expect(try second.request(get("/hello")).status == 200)
        do {
            let first = try server.client()
            #expect(try first.request(get("/hello")).status == 200)
            let third = try server.client()
            let busy = try third.readResponse()
            #expect(busy.status == 503)
            #expect(busy.header("Retry-After") == "1")
            #expect(try third.isClosed())
        }
        // Once slots free up (the clients above closed), new clients are served again.
        var served = false
        for _ in 0..<50 where !served {
            let client = try server.client()
            try client.send(get("/hello"))
            served = try client.readResponse().status == 200
        }
        #expect(served)
        #expect(try second.request(get("/hello")).status == 200)
    }
}
