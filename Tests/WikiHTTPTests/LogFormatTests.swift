import Foundation
import Synchronization
import Testing
@testable import WikiHTTP

@Suite struct LogFormatTests {
    /// The lines a logger wrote.
    final class Lines: Sendable {
        let all = Mutex<[String]>([])
        func withLock<R>(_ body: ([String]) -> R) -> R { all.withLock { body($0) } }
    }

    /// A logger in `format` whose lines land in the returned `Lines`.
    private static func capture(_ format: LogFormat) -> (Logger, Lines) {
        let lines = Lines()
        return (Logger(format: format) { line in lines.all.withLock { $0.append(line) } }, lines)
    }

    @Test("Text access lines keep their shape; a path with a space is quoted")
    func textAccess() {
        let (logger, lines) = Self.capture(.text)
        logger.access(method: .get, path: "/wiki/Home", status: 200, bytes: 5, duration: .microseconds(1500))
        logger.access(method: .get, path: "/wiki/a b", status: 404, bytes: 0, duration: .zero)
        logger.access(method: nil, path: "127.0.0.1:4000", status: 400, bytes: 10, duration: .zero)
        #expect(lines.withLock { $0 } == ["access GET /wiki/Home 200 5B 1.5ms", "access GET \"/wiki/a b\" 404 0B 0.0ms",
                                          "access - 127.0.0.1:4000 400 10B 0.0ms"])
    }

    @Test("logfmt access lines: timestamp, fixed keys, numbers bare, odd values quoted and escaped")
    func logfmtAccess() throws {
        let (logger, lines) = Self.capture(.logfmt)
        logger.access(method: .post, path: "/edit/a \"b\"=c", status: 303, bytes: 0, duration: .microseconds(2250))
        logger.access(method: nil, path: "[::1]:9", status: 413, bytes: 77, duration: .zero)
        let written = lines.withLock { $0 }
        let first = try #require(written.first)
        let timestamp = try #require(first.split(separator: " ").first)
        #expect(timestamp.hasPrefix("ts=20") && timestamp.hasSuffix("Z") && timestamp.count == "ts=2026-12-02T00:12:34.567Z".count)
        #expect(first.dropFirst(timestamp.count) == #" level=info msg=access method=POST path="/edit/a \"b\"=c" status=303 bytes=0 duration_ms=2.25"#)
        #expect(written.last?.hasSuffix(" level=info msg=access peer=[::1]:9 status=413 bytes=77 duration_ms=0.0") == true)
    }

    @Test("JSON lines are one object; strings escaped per RFC 8259, numbers as numbers")
    func jsonLines() throws {
        let (logger, lines) = Self.capture(.json)
        logger.access(method: .get, path: "/wiki/ü\"\\", status: 200, bytes: 12, duration: .microseconds(1000))
        logger.error("bad\nthing\u{1}", ["request": "7", "path": "/x y"])
        let written = lines.withLock { $0 }
        #expect(written.count == 2)
        let access = try #require(written.first)
        #expect(access.hasPrefix(#"{"ts":""#))
        #expect(access.hasSuffix(#","level":"info","msg":"access","method":"GET","path":"/wiki/ü\"\\","status":200,"bytes":12,"duration_ms":1.0}"#))
        #expect(written.last?.hasSuffix(#","level":"error","msg":"bad\nthing\u0001","request":"7","path":"/x y"}"#) == true)
        for line in written {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["level"] != nil)
        }
    }

    @Test("Text lines quote metadata values that need it")
    func textMetadata() {
        let (logger, lines) = Self.capture(.text)
        logger.info("started", ["repo": "/srv/wiki.git", "title": "Ops wiki", "empty": ""])
        #expect(lines.withLock { $0 } == [#"info started repo=/srv/wiki.git title="Ops wiki" empty="""#])
    }

    @Test(arguments: [(0, 0, "1970-01-01T00:00:00.000Z"), (1_796_170_354, 7, "2026-12-02T00:12:34.007Z"),
                      (951_782_400, 999, "2000-02-29T00:00:00.999Z")])
    func timestamps(_ seconds: Int, _ milliseconds: Int, _ expected: String) {
        #expect(LogTimestamp.format(seconds: seconds, milliseconds: milliseconds) == expected)
    }
}
