import Testing
@testable import WikiHTTP

@Suite("RoutePattern and Router")
struct RoutingTests {
    @Test(arguments: [
        ("/wiki/{page...}", "/wiki/runbooks/db-failover", ["page": "runbooks/db-failover"]),
        ("/wiki/**", "/wiki/a/b", ["**": "a/b"]),
        ("/commit/{rev}.patch", "/commit/abc1234.patch", ["rev": "abc1234"]),
        ("/proposals/{id}/merge", "/proposals/17/merge", ["id": "17"]),
        ("/healthz", "/healthz", [:]),
    ])
    func matches(_ pattern: String, _ path: String, _ parameters: [String: String]) throws {
        let request = try Request(method: .get, target: path)
        #expect(RoutePattern(pattern)?.match(request.pathSegments) == parameters)
    }

    @Test(arguments: [
        ("/wiki/{page...}", "/wiki/"), ("/wiki/{page...}", "/wiki"), ("/commit/{rev}.patch", "/commit/.patch"),
        ("/commit/{rev}.patch", "/commit/abc"), ("/proposals/{id}/merge", "/proposals/17"), ("/healthz", "/healthz/x"),
    ])
    func doesNotMatch(_ pattern: String, _ path: String) throws {
        #expect(RoutePattern(pattern)?.match(try Request(method: .get, target: path).pathSegments) == nil)
    }

    @Test(arguments: ["wiki", "/wiki/{page", "/a/**/b", "/{x...}/y", "/a/{}", "/a}"])
    func malformedPatternsAreRejected(_ pattern: String) {
        #expect(RoutePattern(pattern) == nil)
    }

    @Test func mostSpecificRouteWins() throws {
        var router = Router()
        router.get("/commit/{rev}") { _, c in .text("plain \(try c.parameter("rev"))") }
        router.get("/commit/{rev}.patch") { _, c in .text("patch \(try c.parameter("rev"))") }
        router.get("/commit/**") { _, _ in .text("any") }
        router.get("/commit/latest") { _, _ in .text("latest") }
        let routes = router.freeze()
        func body(_ path: String) throws -> String {
            var context = RequestContext(logger: .silent)
            guard case .bytes(let bytes) = try routes.respond(to: try Request(method: .get, target: path), context: &context).body else { return "" }
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(try body("/commit/abc1234.patch") == "patch abc1234")
        #expect(try body("/commit/abc1234") == "plain abc1234")
        #expect(try body("/commit/latest") == "latest")
        #expect(try body("/commit/a/b") == "any")
    }

    @Test func methodMismatchListsAllowedMethods() throws {
        var router = Router()
        router.get("/edit/{page...}") { _, _ in .text("form") }
        router.post("/edit/{page...}") { _, _ in .text("saved") }
        var context = RequestContext(logger: .silent)
        #expect(throws: HTTPError.methodNotAllowed(allowed: [.get, .head, .post])) {
            try router.freeze().respond(to: try Request(method: .put, target: "/edit/Home"), context: &context)
        }
        #expect(throws: HTTPError.notFound) {
            try router.freeze().respond(to: try Request(method: .get, target: "/other"), context: &context)
        }
    }
}
