/// Same-origin check for state-changing requests (OWASP CSRF cheat sheet, "Verifying origin with
/// standard headers"): the `Origin` header, or lacking it the `Referer`, must name the request's host.
enum OriginCheck {
    /// Whether `request` may go on: true when it names no origin at all (git and scripts send none;
    /// the CSRF token still decides) or names this host; false for another host or `Origin: null`.
    /// `host` is the host the client addressed (the `Host` header, or a trusted proxy's `X-Forwarded-Host`).
    static func allows(_ request: Request, host: String?) -> Bool {
        let source: String
        if let origin = request.headers["Origin"] {
            source = origin
        } else if let referer = request.headers["Referer"] {
            source = referer
        } else {
            return true
        }
        guard let claimed = authority(of: source), let host else { return false }
        return claimed == normalised(host, scheme: nil)
    }

    /// `host[:port]` of an absolute `http(s)` URL, lower-cased, default port dropped; nil for anything else
    /// (including the opaque origin `null`).
    static func authority(of url: String) -> String? {
        let lower = url.lowercased()
        let scheme: String
        if lower.hasPrefix("http://") { scheme = "http" } else if lower.hasPrefix("https://") { scheme = "https" } else { return nil }
        let rest = lower.dropFirst(scheme.count + 3)
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<end]
        // RFC 3986 §3.2.1: credentials before '@' are not part of the host.
        let host = authority.split(separator: "@").last.map(String.init) ?? ""
        return host.isEmpty ? nil : normalised(host, scheme: scheme)
    }

    /// Lower-cases `host` and drops the scheme's default port (both when the scheme is unknown, as for `Host`).
    private static func normalised(_ host: String, scheme: String?) -> String {
        let lower = host.lowercased()
        for (defaultScheme, port) in [("http", ":80"), ("https", ":443")]
        where (scheme == nil || scheme == defaultScheme) && lower.hasSuffix(port) {
            return String(lower.dropLast(port.count))
        }
        return lower
    }
}
