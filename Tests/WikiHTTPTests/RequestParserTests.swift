import Testing
@testable import WikiHTTP

/// One parsed request, flattened for comparison.
private struct Parsed: Equatable {
    var method: String, target: String, keepAlive: Bool, expectsContinue: Bool
    var headers: [String], body: String
}

/// Feeds `text` whole or one byte at a time (NIO's verifier) and collects complete requests, or the error.
private func parse(_ text: String, limits: ServerConfiguration.Limits = .init(), dripFed: Bool) -> Result<[Parsed], HTTPError> {
    var parser = RequestParser(limits: limits)
    var input = InputBuffer()
    var results: [Parsed] = []
    let bytes = Array(text.utf8)
    let pieces: [[UInt8]] = dripFed ? bytes.map { [$0] } : [bytes]
    do {
        for piece in pieces {
            input.append(piece)
            while let event = try parser.parse(&input) {
                guard case .complete(let head, let body) = event else { continue }
                results.append(Parsed(method: head.method.rawValue, target: head.target, keepAlive: head.keepAlive,
                                      expectsContinue: head.expectsContinue,
                                      headers: head.headers.map { "\($0.name): \($0.value)" },
                                      body: String(decoding: body, as: UTF8.self)))
            }
        }
    } catch {
        return .failure(error)
    }
    return .success(results)
}

/// Parses both ways, checks they agree, and returns the requests.
private func parseBoth(_ text: String, limits: ServerConfiguration.Limits = .init()) throws -> [Parsed] {
    let whole = parse(text, limits: limits, dripFed: false), drip = parse(text, limits: limits, dripFed: true)
    let wholeRequests = try whole.get(), dripRequests = try drip.get()
    #expect(wholeRequests == dripRequests)
    return wholeRequests
}

/// The status both feeding styles fail with (nil if either succeeded).
private func failureStatus(_ text: String, limits: ServerConfiguration.Limits = .init()) -> [Int?] {
    [false, true].map { drip in
        if case .failure(let error) = parse(text, limits: limits, dripFed: drip) { return error.status.code }
        return nil
    }
}

@Suite("RequestParser: valid requests, fed whole and byte by byte")
struct RequestParserValidTests {
    @Test func simpleGet() throws {
        let requests = try parseBoth("GET /wiki/Home?x=1 HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n")
        #expect(requests == [Parsed(method: "GET", target: "/wiki/Home?x=1", keepAlive: true, expectsContinue: false,
                                    headers: ["Host: a", "Accept: */*"], body: "")])
    }

    @Test func contentLengthBody() throws {
        let requests = try parseBoth("POST /e HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello")
        #expect(requests.map(\.body) == ["hello"])
    }

    @Test func chunkedBodyWithExtensionsAndTrailer() throws {
        let text = "POST /e HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\n6;name=value;q=\"a \\\" b\"\r\n world\r\nA \r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n"
        let requests = try parseBoth(text)
        #expect(requests.map(\.body) == ["hello world0123456789"])
        #expect(requests.first?.headers == ["Host: a", "Transfer-Encoding: chunked"])
    }

    @Test func pipelinedRequestsInOrder() throws {
        let text = (0..<5).map { "GET /\($0) HTTP/1.1\r\nHost: a\r\n\r\n" }.joined()
        #expect(try parseBoth(text).map(\.target) == ["/0", "/1", "/2", "/3", "/4"])
    }

    @Test func http10DefaultsToClose() throws {
        #expect(try parseBoth("GET / HTTP/1.0\r\n\r\n").map(\.keepAlive) == [false])
        #expect(try parseBoth("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").map(\.keepAlive) == [true])
    }

    @Test func connectionCloseEndsKeepAlive() throws {
        #expect(try parseBoth("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").map(\.keepAlive) == [false])
    }

    @Test func leadingEmptyLinesAreIgnored() throws {
        #expect(try parseBoth("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n").map(\.target) == ["/"])
    }

    @Test func expectContinue() throws {
        let requests = try parseBoth("PUT / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\nx")
        #expect(requests.map(\.expectsContinue) == [true])
    }

    @Test func duplicateHeadersAreKeptAndLookupIgnoresCase() throws {
        var input = InputBuffer(Array("GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\r\nx-a:  2 \r\n\r\n".utf8))
        var parser = RequestParser(limits: .init())
        guard case .head(let head) = try parser.parse(&input) else { Issue.record("no head"); return }
        #expect(head.headers.values("X-A") == ["1", "2"])
        #expect(head.headers["x-A"] == "1")
    }

    @Test func headerValuesMayCarryObsText() throws {
        #expect(try parseBoth("GET / HTTP/1.1\r\nHost: a\r\nX: caf\u{e9}\r\n\r\n").first?.headers.last == "X: caf\u{e9}")
    }
}

@Suite("RequestParser: every strictness rule and limit, fed whole and byte by byte")
struct RequestParserStrictTests {
    static let cases: [(String, String, Int)] = [
        ("Content-Length with Transfer-Encoding", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("two equal Content-Lengths", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 400),
        ("two different Content-Lengths", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400),
        ("Content-Length list", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc", 400),
        ("non-numeric Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1a\r\n\r\n", 400),
        ("negative Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
        ("signed Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +1\r\n\r\nx", 400),
        ("huge Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n", 400),
        ("bare CR in a header value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n", 400),
        ("bare LF line end", "GET / HTTP/1.1\nHost: a\r\n\r\n", 400),
        ("bare LF in headers", "GET / HTTP/1.1\r\nHost: a\n\r\n", 400),
        ("obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n", 400),
        ("space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),
        ("header without colon", "GET / HTTP/1.1\r\nHost a\r\n\r\n", 400),
        ("NUL in a header value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{0}b\r\n\r\n", 400),
        ("control byte in a header value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{1}b\r\n\r\n", 400),
        ("DEL in a header value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{7f}\r\n\r\n", 400),
        ("NUL in the target", "GET /a\u{0}b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("control byte in the target", "GET /a\u{8}b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("raw non-ASCII in the target", "GET /caf\u{e9} HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("double space in the request line", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("method not a token", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        ("malformed version", "GET / HTTP/1.1x\r\nHost: a\r\n\r\n", 400),
        ("HTTP/2.0 on the wire", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
        ("missing Host in 1.1", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", 400),
        ("two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        ("invalid chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("chunk size with leading space", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n 5\r\nhello\r\n0\r\n\r\n", 400),
        ("overflowing chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n", 400),
        ("chunk extension without a name", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;=x\r\nhello\r\n0\r\n\r\n", 400),
        ("chunk extension with garbage", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5 x\r\nhello\r\n0\r\n\r\n", 400),
        ("unterminated quoted extension", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;a=\"x\r\nhello\r\n0\r\n\r\n", 400),
        ("chunk data longer than its size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello!\r\n0\r\n\r\n", 400),
        ("obs-fold in a trailer", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: a\r\n b\r\n\r\n", 400),
        ("unknown transfer coding", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
        ("chunked not last", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400),
        ("Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ("unknown expectation", "POST / HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\nContent-Length: 1\r\n\r\nx", 417),
    ]

    @Test("each malformed request is rejected with its status", arguments: cases)
    func rejects(_ name: String, _ text: String, _ status: Int) {
        #expect(failureStatus(text) == [status, status], "\(name)")
    }

    @Test func requestLineLimitIs414() {
        var limits = ServerConfiguration.Limits()
        limits.requestLine = 64
        let long = "GET /" + String(repeating: "a", count: 100) + " HTTP/1.1\r\nHost: a\r\n\r\n"
        #expect(failureStatus(long, limits: limits) == [414, 414])
        // Unterminated: the limit applies before the line ends.
        #expect(failureStatus("GET /" + String(repeating: "a", count: 100), limits: limits) == [414, 414])
        #expect(failureStatus("GET /" + String(repeating: "a", count: 40) + " HTTP/1.1\r\nHost: a\r\n\r\n", limits: limits) == [nil, nil])
    }

    @Test func headerBytesLimitIs431() {
        var limits = ServerConfiguration.Limits()
        limits.headerBytes = 100
        let text = "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "b", count: 120) + "\r\n\r\n"
        #expect(failureStatus(text, limits: limits) == [431, 431])
    }

    @Test func headerCountLimitIs431() {
        var limits = ServerConfiguration.Limits()
        limits.headerCount = 5
        let text = "GET / HTTP/1.1\r\nHost: a\r\n" + (0..<5).map { "X-\($0): v\r\n" }.joined() + "\r\n"
        #expect(failureStatus(text, limits: limits) == [431, 431])
        let fits = "GET / HTTP/1.1\r\nHost: a\r\n" + (0..<4).map { "X-\($0): v\r\n" }.joined() + "\r\n"
        #expect(failureStatus(fits, limits: limits) == [nil, nil])
    }

    @Test func bodyLimitIs413BeforeTheBody() {
        var limits = ServerConfiguration.Limits()
        limits.body = 10
        // No body bytes are sent: the 413 comes from the Content-Length alone.
        #expect(failureStatus("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n", limits: limits) == [413, 413])
    }

    @Test func chunkedBodyLimitIs413() {
        var limits = ServerConfiguration.Limits()
        limits.body = 10
        let text = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\nabcdef\r\n0\r\n\r\n"
        #expect(failureStatus(text, limits: limits) == [413, 413])
    }
}
