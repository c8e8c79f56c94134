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

    @Test func silentStreamOutlastsTheIdleTimeout() throws {
        let server = try TestServer({ $0.timeouts.idle = .milliseconds(200) }, routes: { router in
            router.get("/slow-pack") { _, _ in .stream(contentType: "application/x-git-upload-pack-result") { writer in
                try writer.write(Array("0008NAK\n".utf8))
                // Like libgit2 deltifying a large pack: nothing to send for longer than the idle timeout.
                Thread.sleep(forTimeInterval: 0.6)
                try writer.write(Array("0000".utf8))
            } }
        })
        #expect(try server.client().request(get("/slow-pack")).text == "0008NAK\n0000")
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
        _ = try server.client().request("GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n")
        server.stop()
        let access = lines.withLock { $0 }.filter { $0.hasPrefix("access ") }
        #expect(access.count == 3)
        // Lines are written as responses finish, possibly on different threads: their order is not asserted.
        #expect(access.contains { $0.hasPrefix("access GET /hello 200 5B ") })
        #expect(access.contains { $0.hasPrefix("access GET /nope 404 ") })
        #expect(access.contains { $0.hasPrefix("access - 127.0.0.1:") && $0.contains(" 400 ") })
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

    @Test func chunkedGzipBodyLikeGitSends() throws {
        let server = try TestServer()
        let original = Array(String(repeating: "0032want 0123456789abcdef0123456789abcdef01234567\n", count: 300).utf8)
        let compressed = try gzip(original)
        let half = compressed.count / 2
        let client = try server.client()
        try client.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n")
        try client.send(Array(String(half, radix: 16).utf8) + [13, 10] + compressed[..<half] + [13, 10])
        try client.send(Array(String(compressed.count - half, radix: 16).utf8) + [13, 10] + compressed[half...] + [13, 10])
        try client.send("0\r\n\r\n")
        #expect(try client.readResponse().body == original)
    }

    @Test func curlUploadsWithExpectAndChunkedEncoding() throws {
        let server = try TestServer()
        let payload = String(repeating: "line of a wiki page\n", count: 5000)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("opswiki-curl-\(UUID().uuidString)")
        try Data(payload.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        for extra in [["-H", "Expect: 100-continue"], ["-H", "Transfer-Encoding: chunked"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = ["-sS", "--fail", "--http1.1", "--data-binary", "@\(file.path)"] + extra
                + ["http://127.0.0.1:\(server.port)/echo"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(String(decoding: data, as: UTF8.self) == payload, "curl \(extra)")
        }
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
