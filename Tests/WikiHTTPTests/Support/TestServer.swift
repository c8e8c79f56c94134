import Foundation
import Synchronization
@testable import WikiHTTP

/// A real server on 127.0.0.1:0 with a small route table, stopped by `stop()`.
final class TestServer {
    let server: HTTPServer
    var port: Int { server.port }

    /// Starts a server; `configure` adjusts the configuration, `routes` adds routes to the standard ones.
    init(_ configure: (inout ServerConfiguration) -> Void = { _ in }, routes: (inout Router) -> Void = { _ in }) throws {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.workerThreads = 4
        configuration.eventLoopThreads = 2
        configuration.logger = .silent
        configure(&configuration)
        var router = Router()
        router.get("/hello") { _, _ in .text("hello") }
        router.get("/echo-path/{rest...}") { request, context in
            .text("\(request.path)|\(try context.parameter("rest"))|\(request.queryValue("q") ?? "-")")
        }
        router.post("/echo") { request, _ in .bytes(request.body, contentType: "application/octet-stream") }
        router.get("/etag") { _, _ in
            var response = Response.text("tagged")
            response.headers.set("ETag", "\"v1\"")
            return response
        }
        router.get("/stream") { _, _ in
            .stream(contentType: "text/plain") { writer in
                for index in 0..<100 { try writer.write(Array("chunk \(index)\n".utf8)) }
            }
        }
        router.get("/html") { _, _ in .html(Array("<p>hi</p>".utf8)) }
        router.get("/conflict") { _, _ in throw HTTPError(.conflict, "x <y>") }
        router.get("/crash") { _, _ in throw CocoaError(.fileNoSuchFile) }
        routes(&router)
        server = HTTPServer(configuration: configuration, responder: router.freeze())
        try server.start()
    }

    /// A connected raw client.
    func client(timeout: Int = 10) throws -> TestClient { try TestClient(port: port, timeout: timeout) }

    /// Shuts down and waits until every thread has finished.
    func stop() {
        server.shutdown()
        server.run()
    }

    deinit { stop() }
}

/// The canonical simple request.
func get(_ path: String, _ extra: String = "") -> String {
    "GET \(path) HTTP/1.1\r\nHost: test\r\n\(extra)\r\n"
}
