import Glibc

/// A failed system call: the C function's name and `errno`.
public struct SystemError: Error, Sendable, CustomStringConvertible {
    /// The C function, e.g. `bind`.
    public let function: String
    /// The `errno` it set.
    public let errno: Int32
    public var description: String { "\(function): \(String(cString: strerror(errno)))" }
}

/// Runs a system call, retrying on EINTR; turns -1 into a `SystemError`.
@discardableResult
func systemCall(_ function: String, _ body: () -> Int32) throws(SystemError) -> Int32 {
    while true {
        let result = body()
        if result != -1 { return result }
        if errno != EINTR { throw SystemError(function: function, errno: errno) }
    }
}

/// An open socket descriptor, closed exactly once in `deinit`.
final class Socket: Sendable {
    /// The descriptor.
    let descriptor: Int32

    init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    /// A non-blocking listening TCP socket bound to `host:port` (numeric IPv4/IPv6 or `localhost`).
    static func listen(host: String, port: Int, backlog: Int32 = 1024) throws -> Socket {
        var address = sockaddr_storage()
        let family: Int32
        let length: socklen_t
        let numericHost = host == "localhost" ? "127.0.0.1" : host
        if numericHost.contains(":") {
            family = AF_INET6
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            try withUnsafeMutableBytes(of: &address) { raw in
                let ipv6 = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in6.self)
                ipv6.pointee.sin6_family = sa_family_t(AF_INET6)
                ipv6.pointee.sin6_port = in_port_t(UInt16(port).bigEndian)
                guard inet_pton(AF_INET6, numericHost, &ipv6.pointee.sin6_addr) == 1 else {
                    throw SystemError(function: "inet_pton(\(host))", errno: EINVAL)
                }
            }
        } else {
            family = AF_INET
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            try withUnsafeMutableBytes(of: &address) { raw in
                let ipv4 = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in.self)
                ipv4.pointee.sin_family = sa_family_t(AF_INET)
                ipv4.pointee.sin_port = in_port_t(UInt16(port).bigEndian)
                guard inet_pton(AF_INET, numericHost, &ipv4.pointee.sin_addr) == 1 else {
                    throw SystemError(function: "inet_pton(\(host))", errno: EINVAL)
                }
            }
        }
        let socket = Socket(descriptor: try systemCall("socket") {
            Glibc.socket(family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        })
        var one: Int32 = 1
        try systemCall("setsockopt(SO_REUSEADDR)") {
            setsockopt(socket.descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        }
        try systemCall("bind") {
            withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket.descriptor, $0, length) } }
        }
        try systemCall("listen") { Glibc.listen(socket.descriptor, backlog) }
        return socket
    }

    /// The local port (after binding to port 0).
    func localPort() throws -> Int {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        try systemCall("getsockname") {
            withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        }
        return Self.describe(address).port
    }

    /// Accepts one pending connection (made non-blocking, close-on-exec, TCP_NODELAY); nil when none is pending.
    func accept() throws(SystemError) -> (socket: Socket, address: String)? {
        var address = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let descriptor = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.accept(self.descriptor, $0, &length)
            }
        }
        guard descriptor >= 0 else {
            // accept(2): these mean "nothing to accept now" or a connection that died in the queue.
            if [EAGAIN, EWOULDBLOCK, EINTR, ECONNABORTED, EPROTO].contains(errno) { return nil }
            throw SystemError(function: "accept", errno: errno)
        }
        let socket = Socket(descriptor: descriptor)
        // accept4(2) is not visible through Glibc's module map, so the flags are set afterwards.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        var one: Int32 = 1
        // Responses go out in one write; Nagle would only delay the last segment of pipelined answers.
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let (host, port) = Self.describe(address)
        return (socket, host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)")
    }

    /// Numeric host and port of a socket address.
    static func describe(_ storage: sockaddr_storage) -> (host: String, port: Int) {
        var storage = storage
        let family = Int32(storage.ss_family)
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        return withUnsafePointer(to: &storage) { pointer in
            let raw = UnsafeRawPointer(pointer)
            if family == AF_INET6 {
                let ipv6 = raw.assumingMemoryBound(to: sockaddr_in6.self)
                var address = ipv6.pointee.sin6_addr
                inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
                return (String(decoding: text.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self),
                        Int(UInt16(bigEndian: ipv6.pointee.sin6_port)))
            }
            let ipv4 = raw.assumingMemoryBound(to: sockaddr_in.self)
            var address = ipv4.pointee.sin_addr
            inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
            return (String(decoding: text.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self),
                    Int(UInt16(bigEndian: ipv4.pointee.sin_port)))
        }
    }
}
