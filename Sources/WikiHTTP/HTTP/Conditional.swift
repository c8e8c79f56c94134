/// Conditional requests: `ETag` / `If-None-Match` → 304 (RFC 9110 §13.1.2).
enum Conditional {
    /// The 304 to send instead of `response`, or nil when the client's copy is stale or absent.
    static func notModified(_ response: Response, for request: Request) -> Response? {
        guard request.method == .get || request.method == .head, response.status == .ok,
              let etag = response.headers["ETag"] else { return nil }
        let conditions = request.headers.values("If-None-Match")
        guard !conditions.isEmpty, matches(etag, conditions) else { return nil }
        return notModified(repeating: response.headers)
    }

    /// The 304 for a 200 that had `headers`.
    static func notModified(repeating headers: Headers) -> Response {
        // RFC 9110 §15.4.5: a 304 repeats the validators and caching headers of the 200, without a body.
        var repeated = Headers()
        for name in ["ETag", "Cache-Control", "Content-Location", "Expires", "Vary", "Last-Modified"] {
            if let value = headers[name] { repeated.add(name, value) }
        }
        return Response(status: .notModified, headers: repeated)
    }

    /// Weak comparison: `W/` prefixes are ignored, `*` matches any current representation.
    static func matches(_ etag: String, _ conditions: [String]) -> Bool {
        let current = opaque(etag)
        for condition in conditions {
            for candidate in condition.split(separator: ",") {
                let tag = candidate.trimmingSpaces
                if tag == "*" || opaque(tag) == current { return true }
            }
        }
        return false
    }

    private static func opaque(_ tag: some StringProtocol) -> Substring {
        let text = Substring(tag)
        return text.hasPrefix("W/") ? text.dropFirst(2) : text
    }
}
