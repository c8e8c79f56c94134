import Foundation

/// What the authentication layer reads from a request: the client's address and Basic credentials.
extension Request {
    /// The peer's IP address without the port or brackets; an IPv4-mapped IPv6 address as plain IPv4.
    var clientAddress: String {
        Self.normalisedAddress(remoteAddress)
    }

    /// `ip:port`, `[v6]:port`, `::ffff:a.b.c.d` or a bare address, reduced to the bare address.
    static func normalisedAddress(_ text: String) -> String {
        var host = Substring(text)
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            host = host[host.index(after: host.startIndex)..<close]
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            host = host[..<colon]
        }
        let lower = host.lowercased()
        if lower.hasPrefix("::ffff:"), lower.contains(".") { return String(lower.dropFirst(7)) }
        return lower
    }

    /// The user name and password of an `Authorization: Basic` header (RFC 7617), or nil when there is
    /// none; a malformed one is a 400.
    func basicCredentials() throws(HTTPError) -> (name: String, password: String)? {
        guard let value = headers["Authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic" else { return nil }
        // 4 KiB of base64 is far beyond any real user name and password.
        guard parts[1].utf8.count <= 4096, let data = Data(base64Encoded: String(parts[1].trimmingSpaces)),
              let colon = data.firstIndex(of: UInt8(ascii: ":")) else {
            throw HTTPError(.badRequest, "Malformed Basic credentials.")
        }
        let name = String(decoding: data[..<colon], as: UTF8.self)
        let password = String(decoding: data[data.index(after: colon)...], as: UTF8.self)
        return (name, password)
    }

    /// Whether the client is a browser that can follow a redirect to the sign-in form, rather than
    /// git or a script that should get a 401 challenge.
    var isBrowser: Bool {
        if prefersJSON || headers["User-Agent"].map({ $0.lowercased().hasPrefix("git/") }) == true { return false }
        return headers["Accept"].map { $0.lowercased().contains("text/html") } ?? false
    }

    /// Whether the method changes state (RFC 9110 §9.2.1: everything but the safe methods).
    var isStateChanging: Bool {
        ![Method.get, .head, .options].contains(method) && method.rawValue != "TRACE"
    }
}
