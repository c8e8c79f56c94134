import WikiStore

/// `/`, `/healthz`, `/metrics` and the theme's static files.
extension WikiApp {
    func registerOpsRoutes(into router: inout Router) {
        router.get("/") { _, _ in .redirect(to: "/wiki/Home", status: .found) }
        router.get("/healthz") { [wiki] _, _ in
            _ = try wiki.head()
            return .text("ok")
        }
        // Not behind the sign-in gate (a scraper has no session): `settings.metricsAccess` decides.
        router.get("/metrics") { [metrics, settings] request, _ in
            guard settings.metricsAccess.allows(request) else { throw HTTPError.notFound }
            var response = Response.bytes(Array(metrics.exposition().utf8), contentType: PrometheusText.contentType)
            response.headers.set("Cache-Control", "no-store")
            return response
        }
        let stylesheet = theme.stylesheet
        let stylesheetTag = "\"css-\(stylesheet.count)-\(Self.fingerprint(stylesheet))\""
        router.get("/static/style.css") { _, _ in
            var response = Response.bytes(stylesheet, contentType: "text/css; charset=utf-8")
            response.headers.set("ETag", stylesheetTag)
            response.headers.set("Cache-Control", "public, max-age=300")
            return response
        }
        if let script = theme.script {
            let scriptTag = "\"js-\(script.count)-\(Self.fingerprint(script))\""
            router.get("/static/app.js") { _, _ in
                var response = Response.bytes(script, contentType: "text/javascript; charset=utf-8")
                response.headers.set("ETag", scriptTag)
                response.headers.set("Cache-Control", "public, max-age=300")
                return response
            }
        }
    }

    /// A short FNV-1a hash of `bytes`, for ETags of static files.
    static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
