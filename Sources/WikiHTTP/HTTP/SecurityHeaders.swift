/// Headers every HTML response carries, unless the handler set its own value; every other response gets
/// `nosniff` too, so that user bytes served as text or an attachment are never sniffed into HTML.
enum SecurityHeaders {
    /// No inline script anywhere (CSP3 `script-src 'self'`), no framing, no plugins, no foreign forms.
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    static let fields: [(String, String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
    ]

    /// Adds the missing security headers: all of them to an HTML response, `nosniff` to any other.
    static func apply(to response: inout Response) {
        for (name, value) in fields where !response.headers.contains(name) {
            guard response.isHTML || name == "X-Content-Type-Options" else { continue }
            response.headers.add(name, value)
        }
    }
}
