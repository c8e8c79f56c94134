import Foundation
import Glibc

/// A blocking HTTP/1.1 client on one keep-alive loopback connection (reconnects when the server closes),
/// enough to time single requests the way a browser makes them: no pipelining, bodies by length or chunks.
final class HTTPClient {
    /// A response as read off the wire.
    struct Response {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        /// The first value of header `name` (case-insensitive).
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    }

    let port: Int
    private var descriptor: Int32 = -1
    private var buffer: [UInt8] = []

    init(port: Int) { self.port = port }

    deinit { disconnect() }

    /// Sends one request and reads its answer; `headers` are extra `Name: value` pairs.
    func request(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = []) throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + body
        if descriptor < 0 { try connect() }
        do {
            try send(bytes)
            return try readResponse(isHead: method == "HEAD")
        } catch {
            // A keep-alive connection the server closed meanwhile: one retry on a new connection.
            disconnect()
            try connect()
            try send(bytes)
            return try readResponse(isHead: method == "HEAD")
        }
    }

    private func connect() throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Shell.Failure(description: "socket: \(errno)") }
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var time = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            disconnect()
            throw Shell.Failure(description: "connect to port \(port): errno \(errno)")
        }
    }

    private func disconnect() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        buffer = []
    }

    private func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw Shell.Failure(description: "send: errno \(errno)") }
            offset += written
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw Shell.Failure(description: "connection closed (errno \(errno))") }
        buffer += chunk[0..<count]
    }

    private func readLine() throws -> String {
        while true {
            if let end = buffer.firstIndex(of: 10) {
                let line = buffer[..<end].last == 13 ? buffer[..<(end - 1)] : buffer[..<end]
                defer { buffer.removeFirst(end + 1) }
                return String(decoding: line, as: UTF8.self)
            }
            try fill()
        }
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        while buffer.count < count { try fill() }
        defer { buffer.removeFirst(count) }
        return Array(buffer[..<count])
    }

    private func readResponse(isHead: Bool) throws -> Response {
        let statusLine = try readLine()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let status = Int(parts[1]) else { throw Shell.Failure(description: "bad status line \(statusLine)") }
        var response = Response(status: status, headers: [], body: [])
        while true {
            let line = try readLine()
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            response.headers.append((String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " })))
        }
        if !(isHead || status == 204 || status == 304) {
            if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
                while let size = Int(try readLine().split(separator: ";").first ?? "", radix: 16), size > 0 {
                    response.body += try readExactly(size)
                    _ = try readLine()
                }
                while try !readLine().isEmpty {}
            } else if let length = response.header("Content-Length").flatMap({ Int($0) }) {
                response.body = try readExactly(length)
            }
        }
        if response.header("Connection")?.lowercased() == "close" { disconnect() }
        return response
    }
}
