import Foundation
@testable import WikiHTTP
import WikiRender
import WikiStore

/// A real wiki served by the real app with its `Metrics` wired as `serve` wires them (server counters,
/// open connections), on 127.0.0.1:0; identities come from `X-Test-User` (`TestIdentityResponder`).
final class MetricsSite {
    let root: URL
    let wiki: Wiki
    let metrics = Metrics(version: "9.9.9-test")
    let server: HTTPServer
    var port: Int { server.port }

    init(pages: [String: String] = ["Home": "# Home\n\nwelcome\n"], metricsAccess: MetricsAccess = .local,
         configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        (root, wiki) = try TestSiteParts.seededWiki("metrics", pages: pages)
        var settings = SiteSettings()
        settings.metricsAccess = metricsAccess
        let app = WikiApp(wiki: wiki, theme: try Theme(directory: TestSiteParts.themeDirectory), settings: settings, metrics: metrics)
        var configuration = TestSiteParts.configuration(workers: 2)
        configuration.metrics = metrics.server
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, responder: TestIdentityResponder(inner: app.responder()))
        metrics.watchOpenConnections { server.openConnections }
        self.server = server
        try server.start()
    }

    deinit {
        server.shutdown()
        server.run()
        try? FileManager.default.removeItem(at: root)
    }

    /// One request on a fresh connection.
    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []) throws -> TestClient.Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: test\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        if method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        let client = try TestClient(port: port)
        try client.send(Array((head + "\r\n").utf8) + body)
        return try client.readResponse()
    }

    /// The lines of `GET /metrics` that are samples (not `#` comments).
    func samples() throws -> [String] {
        let response = try request("GET", "/metrics")
        guard response.status == 200 else { throw TestClient.Failure(description: "GET /metrics: \(response.status)") }
        return response.text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
    }
}
