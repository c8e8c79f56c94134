/// The HTTP/1.1 server that serves the wiki.
public final class HTTPServer: Sendable {
}
