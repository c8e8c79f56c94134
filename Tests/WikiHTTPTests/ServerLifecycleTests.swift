import Foundation
import Glibc
import Synchronization
import Testing
@testable import WikiHTTP

/// A one-shot flag a handler waits on (tests only).
final class Gate: @unchecked Sendable {
    // @unchecked Sendable: `open` is only touched while holding `condition`.
    private let condition = NSCondition()
    private var isOpen = false
    func signal() { condition.lock(); isOpen = true; condition.broadcast(); condition.unlock() }
    func wait() { condition.lock(); while !isOpen { condition.wait() }; condition.unlock() }
}

@Suite("Server: shutdown and capacity")
struct ServerLifecycleTests {
    @Test func shutdownDrainsAnInFlightRequest() throws {
        let started = Gate(), release = Gate()
        let server = try TestServer(routes: { router in
            router.get("/slow") { _, _ in
                started.signal()
                release.wait()
                return .text("finished")
            }
        })
        let client = try server.client()
        try client.send(get("/slow"))
        started.wait()
        let idle = try server.client()
        #expect(try idle.request(get("/hello")).status == 200)
        server.server.shutdown()
        // Idle connections close at once; no new connection is accepted.
        #expect(try idle.isClosed())
        release.signal()
        let response = try client.readResponse()
        #expect(response.status == 200 && response.text == "finished")
        #expect(response.header("Connection") == "close")
        #expect(try client.isClosed())
        server.server.run()
        #expect(throws: (any Error).self) { try TestClient(port: server.port).request(get("/hello")) }
    }

    @Test func shutdownGivesUpAfterTheDrainTimeout() throws {
        let release = Gate()
        let server = try TestServer({ $0.timeouts.shutdownDrain = .milliseconds(200) }, routes: { router in
            router.get("/stuck") { _, _ in release.wait(); return .text("late") }
        })
        let client = try server.client()
        try client.send(get("/stuck"))
        Thread.sleep(forTimeInterval: 0.1)
        server.server.shutdown()
        // The loop closes the connection after the drain timeout, before the handler finishes.
        #expect(try client.isClosed())
        release.signal()
        server.server.run()
    }

    @Test(.timeLimit(.minutes(1)))
    func streamStartedAfterTheLoopStoppedIsCancelled() throws {
        let release = Gate(), cancelled = Gate()
        let server = try TestServer({ $0.timeouts.shutdownDrain = .milliseconds(200) }, routes: { router in
            router.get("/late-stream") { _, _ in
                release.wait()
                return .stream(contentType: "application/octet-stream") { writer in
                    do {
                        for _ in 0..<1000 { try writer.write([UInt8](repeating: 1, count: 64 * 1024)) }
                    } catch {
                        cancelled.signal()
                        throw error
                    }
                }
            }
        })
        let client = try server.client()
        try client.send(get("/late-stream"))
        Thread.sleep(forTimeInterval: 0.1)
        server.server.shutdown()
        #expect(try client.isClosed())
        release.signal()
        // The loop is gone, so nobody would ever drain the queue: the writer must be cancelled, not block.
        cancelled.wait()
        server.server.run()
    }

    @Test func thousandIdleConnectionsDoNotStopANewClient() throws {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        if limit.rlim_cur < 4096 {
            limit.rlim_cur = min(limit.rlim_max, 4096)
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        let server = try TestServer()
        var idle: [TestClient] = []
        for index in 0..<1000 {
            let client = try server.client()
            // Half of them are mid-request (slowloris-style), half are idle keep-alive connections.
            if index.isMultiple(of: 2) { try client.send("GET /hello HTTP/1.1\r\nHo") }
            idle.append(client)
        }
        let fresh = try server.client(timeout: 2)
        let response = try fresh.request(get("/hello"))
        #expect(response.text == "hello")
        // The idle ones are still open and usable.
        #expect(try idle[1].request(get("/hello")).text == "hello")
        #expect(try idle[0].request("st: a\r\n\r\n").text == "hello")
    }
}
