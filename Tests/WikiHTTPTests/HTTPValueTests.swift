import Testing
@testable import WikiHTTP

@Suite("Request values, forms, cookies, negotiation")
struct HTTPValueTests {
    @Test func absoluteFormTargetUsesThePath() throws {
        let request = try Request(method: .get, target: "http://example.com/wiki/Home?rev=abc")
        #expect(request.path == "/wiki/Home")
        #expect(request.queryValue("rev") == "abc")
    }

    @Test(arguments: ["/a/%zz", "/a/%2", "/../x", "/a/%2e%2e/%2e%2e/x", "/a/%ff", "relative"])
    func badTargetsAre400(_ target: String) {
        #expect(throws: HTTPError.self) { try Request(method: .get, target: target) }
    }

    @Test func queryKeepsOrderAndDuplicates() throws {
        let request = try Request(method: .get, target: "/s?q=a+b&q=%C3%A9&flag")
        #expect(request.query == [.init(name: "q", value: "a b"), .init(name: "q", value: "é"), .init(name: "flag", value: "")])
    }

    @Test func urlencodedForm() throws {
        let request = try Request(method: .post, target: "/edit/Home",
                                  headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"],
                                  body: Array("content=%23+Title%0A&message=fix&csrf=t0k".utf8))
        let form = try FormData(request: request)
        #expect(form["content"] == "# Title\n")
        #expect(form["message"] == "fix")
        #expect(form["missing"] == nil)
    }

    @Test func multipartForm() throws {
        let body = "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nhello\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".png\"\r\nContent-Type: image/png\r\n\r\n"
            + "\u{1}\u{2}\r\n--X\r\n--XyZ--\r\nepilogue"
        let request = try Request(method: .post, target: "/upload/a.png", headers: ["Content-Type": "multipart/form-data; boundary=\"XyZ\""],
                                  body: Array(body.utf8))
        let form = try FormData(request: request)
        #expect(form["message"] == "hello")
        let file = try #require(form.file("file"))
        #expect(file.filename == "a \"b\".png")
        #expect(file.contentType == "image/png")
        #expect(file.bytes == Array("\u{1}\u{2}\r\n--X".utf8))
    }

    @Test(arguments: [("aab", "aaab", 1), ("abab", "abaabab", 3), ("x", "abc", -1), ("\r\n--b", "\r\n-\r\n--\r\n--b", 7)])
    func boundarySearch(_ needle: String, _ haystack: String, _ expected: Int) {
        #expect(Multipart.find(Array(needle.utf8), in: Array(haystack.utf8), from: 0) ?? -1 == expected)
    }

    @Test func multipartWithoutClosingDelimiterIs400() throws {
        let request = try Request(method: .post, target: "/", headers: ["Content-Type": "multipart/form-data; boundary=b"],
                                  body: Array("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx".utf8))
        #expect(throws: HTTPError.badRequest("The multipart body is malformed.")) { try FormData(request: request) }
    }

    @Test func formFieldLimitIs413() throws {
        var limits = FormData.Limits()
        limits.fields = 3
        let request = try Request(method: .post, target: "/", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                  body: Array("a=1&b=2&c=3&d=4".utf8))
        #expect(throws: HTTPError.self) { try FormData(request: request, limits: limits) }
    }

    @Test func otherContentTypeIs415() throws {
        let request = try Request(method: .post, target: "/", headers: ["Content-Type": "application/json"], body: [])
        #expect(throws: HTTPError(.unsupportedMediaType, "Expected a urlencoded or multipart form.")) { try FormData(request: request) }
    }

    @Test func cookiesParseAndSetCookieCannotInject() throws {
        let request = try Request(method: .get, target: "/", headers: ["Cookie": "session=abc; theme=\"dark\"", "cookie": "session=other"])
        #expect(request.cookies["session"] == "abc")
        #expect(request.cookies["theme"] == "dark")
        let cookie = SetCookie(name: "session", value: "a;b\r\nX: y", maxAge: 60)
        #expect(cookie.headerValue == "session=a%3Bb%0D%0AX:%20y; Path=/; Max-Age=60; HttpOnly; SameSite=Lax")
    }

    @Test(arguments: [
        (nil, false), ("application/json", true), ("text/html,application/json", false),
        ("text/html;q=0.9, application/json", true), ("application/*", true), ("*/*", false),
        ("text/*;q=0.1, application/json;q=0.2", true),
    ] as [(String?, Bool)])
    func negotiation(_ accept: String?, _ json: Bool) {
        #expect(Negotiation.prefersJSON(accept: accept) == json)
    }

    @Test func weakETagComparison() {
        #expect(Conditional.matches("\"a\"", ["W/\"a\""]))
        #expect(Conditional.matches("W/\"a\"", ["\"b\", \"a\""]))
        #expect(Conditional.matches("\"a\"", ["*"]))
        #expect(!Conditional.matches("\"a\"", ["\"ab\""]))
    }

    @Test func responseHeadersCannotSplitTheResponse() {
        var response = Response.text("x")
        response.headers.add("Location", "/a\r\nSet-Cookie: evil=1")
        response.headers.add("Bad Name", "v")
        let wire = String(decoding: ResponseEncoder.encode(response, version: .http1_1, keepAlive: true, isHead: false).bytes, as: UTF8.self)
        #expect(wire.contains("Location: /a  Set-Cookie: evil=1\r\n"))
        #expect(!wire.contains("Bad Name"))
    }

    @Test func httpDateIsIMFFixdate() {
        #expect(ResponseEncoder.httpDate(784111777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }
}
