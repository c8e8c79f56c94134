import Testing
@testable import WikiHTTP

@Suite("Server: long requests run on their own pool")
struct ServerPoolTests {
    @Test("A long request holding every long thread does not delay an ordinary one")
    func longRequestsDoNotBlockPages() throws {
        let started = Gate(), release = Gate()
        let server = try TestServer({ configuration in
            configuration.workerThreads = 1
            configuration.longRequestThreads = 1
            configuration.longRequestPrefixes = ["/wiki.git/"]
        }, routes: { router in
            router.get("/wiki.git/slow") { _, _ in
                started.signal()
                release.wait()
                return .text("streamed")
            }
        })
        let long = try server.client()
        try long.send(get("/wiki.git/slow"))
        started.wait()
        // The only ordinary worker is free: the page is answered while the long request still runs.
        let page = try server.client()
        let response = try page.request(get("/hello"))
        #expect(response.status == 200)
        release.signal()
        #expect(try long.readResponse().text == "streamed")
    }

    @Test("Without prefixes every request runs on the one pool")
    func onePoolByDefault() throws {
        let shared = ServerShared(configuration: ServerConfiguration(), responder: Router().freeze())
        defer { shared.shutdownWorkers() }
        #expect(shared.longWorkers == nil)
        #expect(shared.pool(for: "/wiki.git/info/refs") === shared.workers)
    }
}
