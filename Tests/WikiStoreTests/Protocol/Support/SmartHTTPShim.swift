import Foundation
import Glibc
@testable import WikiStore

/// A test-only smart-HTTP front for a `Wiki` on 127.0.0.1: just enough HTTP/1.1 (one request per
/// connection, Content-Length or chunked bodies, gzip bodies via `gzip -dc`) for the real git client to
/// clone, fetch and push through the byte-level protocol API. The product's HTTP server is WikiHTTP.
final class SmartHTTPShim: Sendable {
    /// The port the listener got from the kernel.
    let port: UInt16
    private let listener: Int32

    /// Starts listening and serving `wiki` on a background thread.
    init(wiki: Wiki, permissions: PushPermissions = .everyone) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        guard listener >= 0 else { throw TestFailure("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        guard bound, listen(listener, 16) == 0 else { throw TestFailure("bind/listen failed") }
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread {
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 { return }
                Thread.detachNewThread { SmartHTTPShim.serve(client, wiki: wiki, permissions: permissions) }
            }
        }
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// The repository URL for git.
    var url: String { "http://127.0.0.1:\(port)/wiki.git" }

    /// Reads one request from `client`, answers it and closes the connection.
    private static func serve(_ client: Int32, wiki: Wiki, permissions: PushPermissions) {
        defer { close(client) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        func fill() -> Bool {
            let count = read(client, &chunk, chunk.count)
            if count <= 0 { return false }
            buffer += chunk[..<count]
            return true
        }
        let separator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            guard fill() else { return }
            headEnd = buffer.indices.dropLast(3).first { buffer[$0..<$0 + 4].elementsEqual(separator) }
        }
        guard let headEnd else { return }
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        var rest = Array(buffer[(headEnd + 4)...])
        let requestLine = head[0].split(separator: " ").map(String.init)
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        // From here on, bytes go to `rest` only.
        func more() -> Bool {
            let count = read(client, &chunk, chunk.count)
            if count <= 0 { return false }
            rest += chunk[..<count]
            return true
        }
        var body: [UInt8] = []
        if headers["transfer-encoding"] == "chunked" {
            var cursor = 0
            while true {
                guard let lineEnd = rest.indices.dropFirst(cursor).dropLast().first(where: { rest[$0] == 13 && rest[$0 + 1] == 10 }) else {
                    guard more() else { return }
                    continue
                }
                let size = Int(String(decoding: rest[cursor..<lineEnd], as: UTF8.self), radix: 16) ?? 0
                while rest.count < lineEnd + 2 + size + 2 { guard more() else { return } }
                if size == 0 { break }
                body += rest[(lineEnd + 2)..<(lineEnd + 2 + size)]
                cursor = lineEnd + 2 + size + 2
            }
        } else {
            let length = Int(headers["content-length"] ?? "0") ?? 0
            while rest.count < length { guard more() else { return } }
            body = Array(rest.prefix(length))
        }
        if headers["content-encoding"] == "gzip" { body = gunzip(body) }
        let version = headers["git-protocol"]?.contains("version=2") == true ? 2 : 0
        var response: [UInt8] = []
        var status = "200 OK", type = "text/plain"
        do {
            let target = requestLine.count > 1 ? requestLine[1] : ""
            switch (requestLine[0], target) {
            case ("GET", "/wiki.git/info/refs?service=git-upload-pack"):
                type = "application/x-git-upload-pack-advertisement"
                response = try wiki.uploadPackAdvertisement(protocolVersion: version, forHTTP: true)
            case ("GET", "/wiki.git/info/refs?service=git-receive-pack"):
                type = "application/x-git-receive-pack-advertisement"
                response = try wiki.receivePackAdvertisement(forHTTP: true)
            case ("POST", "/wiki.git/git-upload-pack"):
                type = "application/x-git-upload-pack-result"
                try wiki.uploadPack(request: body, protocolVersion: version) { response += $0 }
            case ("POST", "/wiki.git/git-receive-pack"):
                type = "application/x-git-receive-pack-result"
                try wiki.receivePack(request: body, permissions: permissions) { response += $0 }
            default:
                status = "403 Forbidden"
            }
        } catch {
            status = "500 Internal Server Error"
            response = Array("\(error)".utf8)
        }
        let header = "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(response.count)\r\n"
            + "Cache-Control: no-cache\r\nConnection: close\r\n\r\n"
        let all = Array(header.utf8) + response
        var sent = 0
        while sent < all.count {
            let count = all[sent...].withUnsafeBytes { Glibc.write(client, $0.baseAddress, $0.count) }
            if count <= 0 { return }
            sent += count
        }
    }

    /// Inflates a gzip body with the system's gzip (test-only; WikiHTTP does this with zlib).
    private static func gunzip(_ bytes: [UInt8]) -> [UInt8] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("shim-\(UUID().uuidString).gz")
        defer { try? FileManager.default.removeItem(at: file) }
        guard (try? Data(bytes).write(to: file)) != nil else { return [] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", file.path]
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return [] }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }
}
