/// Which answers of the site the server's response cache may share: anonymous reads of pages, raw
/// Markdown and attachments, which depend only on main's tip (and the clock, for relative dates).
extension AppResponder: ResponseCachePolicy {
    /// Routes whose answers depend only on the tree at main's tip (or the `?rev=` asked for).
    static let sharedPrefixes = ["/wiki/", "/raw/", "/files/"]

    func cacheKey(method: Method, target: String, headers: Headers) -> String? {
        // A request with any identity (a session, even an anonymous one with its CSRF token; Basic
        // credentials; a trusted proxy's user header) gets its own answer, never a shared one.
        guard method == .get || method == .head, app.settings.anonymousRead,
              Self.sharedPrefixes.contains(where: target.hasPrefix),
              !headers.contains("Cookie"), !headers.contains("Authorization") else { return nil }
        if let header = app.settings.authenticator.configuration.proxyUserHeader, headers.contains(header) { return nil }
        // Errors are negotiated on Accept (HTML or JSON); only 200s are kept, but keying on it costs nothing.
        return (headers["Accept"] ?? "") + "\n" + target
    }

    func contentVersion() -> String? {
        do { return try app.wiki.head()?.id.description ?? "unborn" } catch { return nil }
    }

    func mayShare(_ response: Response, request: Request, context: RequestContext) -> Bool {
        guard context.user == nil, context.authentication == nil, context.csrfToken == nil,
              !response.headers.contains("Set-Cookie") else { return false }
        let cacheControl = response.headers["Cache-Control"]?.lowercased() ?? ""
        return !cacheControl.contains("private") && !cacheControl.contains("no-store")
    }
}
