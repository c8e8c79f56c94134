/// Who may read `/metrics` (the `metrics` setting). Metrics name routes, versions and traffic, so by
/// default only a scraper on the same machine sees them.
public enum MetricsAccess: String, Sendable, CaseIterable {
    /// Clients connecting from a loopback address, and only when no proxy forwarded the request
    /// (a reverse proxy on the same host connects from loopback on behalf of the whole internet).
    case local
    /// Anyone who can reach the server (put it behind a firewall or an authenticating proxy).
    case open
    /// Nobody: `/metrics` answers 404.
    case off

    /// Whether `request` may read the metrics.
    func allows(_ request: Request) -> Bool {
        switch self {
        case .open: return true
        case .off: return false
        case .local:
            let forwarded = ["Forwarded", "X-Forwarded-For", "X-Real-IP"].contains { request.headers.contains($0) }
            return !forwarded && Self.isLoopback(request.remoteAddress)
        }
    }

    /// Whether a peer `host:port` (or `[v6]:port`) is a loopback address: 127.0.0.0/8, ::1, or ::ffff:127.x.
    static func isLoopback(_ peer: String) -> Bool {
        var host = Substring(peer)
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        let lowered = host.lowercased()
        if lowered == "::1" { return true }
        let v4 = lowered.hasPrefix("::ffff:") ? lowered.dropFirst(7) : Substring(lowered)
        let octets = v4.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
