import Foundation
import Synchronization
import Testing
@testable import WikiHTTP

@Suite("Server: streamed bodies, access log, IPv6")
struct ServerStreamingTests {
    @Test func clientGoingAwayCancelsTheWriter() throws {
        let cancelled = Gate()
        let server = try TestServer(routes: { router in
            router.get("/endless") { _, _ in .stream(contentType: "text/plain") { writer in
                do {
                    while true { try writer.write([UInt8](repeating: 0x61, count: 16 * 1024)) }
                } catch {
                    cancelled.signal()
                    throw error
                }
            } }
        })
        do {
            let client = try server.client()
            try client.send(get("/endless"))
            try client.send("")
        }
        // The worker was blocked on a full queue; closing the client must wake it with an error.
        cancelled.wait()
        #expect(try server.client().request(get("/hello")).text == "hello")
    }

    @Test func writerFailureAbortsTheBody() throws {
        struct Broken: Error {}
        let server = try TestServer(routes: { router in
            router.get("/broken") { _, _ in .stream(contentType: "text/plain") { writer in
                try writer.write(Array("partial".utf8))
                throw Broken()
            } }
        })
        let client = try server.client()
        // No last chunk arrives: the client sees the connection end mid-body.
        #expect(throws: TestClient.Failure.self) { try client.request(get("/broken")) }
    }

    @Test func accessLogHasOneLinePerRequest() throws {
        let lines = Mutex<[String]>([])
        let server = try TestServer { configuration in
            configuration.logger = Logger { line in lines.withLock { $0.append(line) } }
        }
        let client = try server.client()
        _ = try client.request(get("/hello"))
        _ = try client.request(get("/nope"))
        server.stop()
        let access = lines.withLock { $0 }.filter { $0.hasPrefix("access ") }
        #expect(access.count == 2)
        #expect(access.first?.hasPrefix("access GET /hello 200 5B ") == true)
        #expect(access.last?.hasPrefix("access GET /nope 404 ") == true)
        #expect(access.allSatisfy { $0.hasSuffix("ms") })
    }

    @Test func accessLogCanBeTurnedOff() throws {
        let lines = Mutex<[String]>([])
        let server = try TestServer { configuration in
            configuration.accessLog = false
            configuration.logger = Logger { line in lines.withLock { $0.append(line) } }
        }
        _ = try server.client().request(get("/hello"))
        server.stop()
        #expect(lines.withLock { $0 }.filter { $0.hasPrefix("access ") }.isEmpty)
    }

    @Test func servesOnIPv6Loopback() throws {
        let server = try TestServer { $0.host = "::1" }
        let response = try TestClient(port: server.port, ipv6: true).request(get("/hello"))
        #expect(response.text == "hello")
    }

    @Test func unusableHostFailsToStart() {
        var configuration = ServerConfiguration()
        configuration.host = "not-an-address"
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, responder: Router().freeze())
        #expect(throws: SystemError.self) { try server.start() }
    }
}
