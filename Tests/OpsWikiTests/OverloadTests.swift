import Foundation
import Glibc
import Testing

/// Issue 9, overload, against the real `opswiki serve` as a child process (the in-process server tests in
/// WikiHTTPTests cover the mechanisms; these check the binary as deployed, and its memory from outside).
@Suite(.serialized) struct OverloadTests {
    /// A temporary wiki with a Home page, removed at the end.
    final class Wiki: Sendable {
        let root: String
        var repo: String { root + "/wiki.git" }

        init(config: String = "") throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("opswiki-load-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            let created = try Command.run(ServeProcess.binary, ["init", repo, "--demo"])
            guard created.status == 0 else { throw CommandFailed("init: \(created.error)") }
            try config.write(toFile: root + "/opswiki.conf", atomically: true, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func serve() throws -> ServeProcess {
            try ServeProcess(["--repo", repo, "--config", root + "/opswiki.conf", "--quiet"])
        }
    }

    /// The child's resident memory in bytes, from `/proc/<pid>/status` (proc(5), `VmRSS`).
    static func residentBytes(of pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else {
            throw CommandFailed("no VmRSS for \(pid)")
        }
        return kilobytes * 1024
    }

    /// Sends `count` GETs for missing pages on one keep-alive connection, 100 pipelined at a time; all must be 404.
    private static func missingPages(_ count: Int, port: Int, from start: Int) throws {
        let client = try RawClient(port: port)
        var sent = start
        while sent < start + count {
            let batch = min(100, start + count - sent)
            let requests = (sent..<(sent + batch)).map { "GET /wiki/missing/page-\($0) HTTP/1.1\r\nHost: load\r\n\r\n" }.joined()
            try client.send(requests)
            for _ in 0..<batch {
                let response = try client.readResponse()
                guard response.status == 404 else { throw CommandFailed("expected 404, got \(response.status)") }
            }
            sent += batch
        }
    }

    @Test("10,000 requests for missing pages leave the server's memory where 1,000 left it (within 10 MiB)")
    func missingPagesKeepMemoryBounded() throws {
        let wiki = try Wiki()
        let server = try wiki.serve()
        defer { server.stop() }
        try Self.missingPages(1_000, port: server.port, from: 0)
        let warm = try Self.residentBytes(of: server.pid)
        try Self.missingPages(9_000, port: server.port, from: 1_000)
        let after = try Self.residentBytes(of: server.pid)
        print("missing pages: RSS \(warm / 1024) KiB after 1,000, \(after / 1024) KiB after 10,000")
        #expect(after - warm < 10 << 20, "RSS grew from \(warm) to \(after) bytes")
        // And the server still answers.
        #expect(try RawClient(port: server.port).send("GET /wiki/Home HTTP/1.1\r\nHost: load\r\n\r\n"))
    }

    @Test("A 200 MB declared body is answered 413 before any of it is sent, and streaming it anyway costs no memory")
    func hugeBodyRefusedUnread() throws {
        let wiki = try Wiki()
        let server = try wiki.serve()
        defer { server.stop() }
        let before = try Self.residentBytes(of: server.pid)
        let client = try RawClient(port: server.port)
        try client.send("POST /edit/Home HTTP/1.1\r\nHost: load\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 209715200\r\n\r\n")
        // The answer comes with no body byte sent: the server decided from Content-Length alone.
        #expect(try client.readResponse().status == 413)
        // A client that sends anyway is drained and dropped, never buffered.
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
        var sent = 0
        while sent < 64, try client.send(chunk) { sent += 1 }
        let after = try Self.residentBytes(of: server.pid)
        print("200 MB body: RSS \(before / 1024) KiB before, \(after / 1024) KiB after \(sent) MiB were pushed")
        #expect(after - before < 16 << 20, "RSS grew from \(before) to \(after) bytes")
    }

    @Test("300 idle and slow connections: a new client is still answered within a second")
    func slowConnectionsDoNotBlockOthers() throws {
        let wiki = try Wiki()
        let server = try wiki.serve()
        defer { server.stop() }
        var slow: [RawClient] = []
        for index in 0..<300 {
            let client = try RawClient(port: server.port)
            // Half send part of a head (slowloris), half never send anything.
            if index.isMultiple(of: 2) { try client.send("GET /wiki/Home HTTP/1.1\r\nHo") }
            slow.append(client)
        }
        // A read timeout of one second: the answer must come within it.
        let fresh = try RawClient(port: server.port, timeout: 1)
        try fresh.send("GET /wiki/Home HTTP/1.1\r\nHost: load\r\n\r\n")
        #expect(try fresh.readResponse().status == 200)
        #expect(slow.count == 300)
    }

    @Test("Beyond max-connections a new client gets 503 with Retry-After at once, and is served when one leaves")
    func beyondMaxConnections() throws {
        let wiki = try Wiki(config: "max-connections = 50\n")
        let server = try wiki.serve()
        defer { server.stop() }
        var held: [RawClient] = []
        for _ in 0..<50 { held.append(try RawClient(port: server.port)) }
        // Make sure all 50 are accepted before the 51st arrives.
        try held[0].send("GET /healthz HTTP/1.1\r\nHost: load\r\n\r\n")
        #expect(try held[0].readResponse().status == 200)
        let extra = try RawClient(port: server.port, timeout: 1)
        let busy = try extra.readResponse()
        #expect(busy.status == 503)
        #expect(busy.head.contains("Retry-After: 1"))
        held.removeAll()
        var served = false
        for _ in 0..<50 where !served {
            let client = try RawClient(port: server.port, timeout: 1)
            try client.send("GET /healthz HTTP/1.1\r\nHost: load\r\n\r\n")
            served = (try? client.readResponse().status) == 200
            if !served { Thread.sleep(forTimeInterval: 0.02) }
        }
        #expect(served)
    }
}
