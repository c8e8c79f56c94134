/// Headers every HTML response carries, unless the handler set its own value.
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

    /// Adds the missing security headers to an HTML response.
    static func apply(to response: inout Response) {
        guard response.isHTML else { return }
        for (name, value) in fields where !response.headers.contains(name) {
            response.headers.add(name, value)
        }
    }
}
