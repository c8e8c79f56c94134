import Glibc

/// A minimal line logger: writes whole lines to stderr (or nowhere), safe from any thread, in the
/// format chosen with `--log-format` (`LogFormat`).
public struct Logger: Sendable {
    /// The importance of a line.
    public enum Level: Int, Sendable, Comparable {
        case debug, info, warning, error
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    private let sink: (@Sendable (String) -> Void)?
    /// Lines below this level are dropped.
    public let minimumLevel: Level
    /// How each line is written.
    public let format: LogFormat

    /// A logger passing each finished line to `sink` (nil: silent).
    public init(minimumLevel: Level = .info, format: LogFormat = .text, sink: (@Sendable (String) -> Void)?) {
        self.minimumLevel = minimumLevel
        self.format = format
        self.sink = sink
    }

    /// Lines to standard error in the text format.
    public static let standardError = Logger.standardError(format: .text)

    /// Lines to standard error, one `write(2)` each so threads never interleave within a line.
    public static func standardError(format: LogFormat) -> Logger {
        Logger(format: format) { line in
            var bytes = Array(line.utf8)
            bytes.append(UInt8(ascii: "\n"))
            _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
    }

    /// A logger that drops everything (tests).
    public static let silent = Logger(sink: nil)

    /// Whether a line at `level` would be written.
    public func isEnabled(_ level: Level) -> Bool { sink != nil && level >= minimumLevel }

    /// Writes `message` at `level` with optional metadata: `level message key=value` as text (values
    /// quoted when needed), `ts=… level=… msg=… key=…` as logfmt, or one JSON object.
    public func log(_ level: Level, _ message: @autoclosure () -> String, _ metadata: KeyValuePairs<String, String> = [:]) {
        guard let sink, level >= minimumLevel else { return }
        if format == .text {
            var line = "\(level) \(message())"
            for (key, value) in metadata { line += " \(key)=\(LogFormat.logfmtValue(value))" }
            sink(line)
            return
        }
        var fields: [(key: String, value: LogFormat.Value)] = [
            ("ts", .string(LogTimestamp.now())), ("level", .string("\(level)")), ("msg", .string(message())),
        ]
        for (key, value) in metadata { fields.append((key, .string(value))) }
        sink(format.line(fields))
    }

    /// Writes an error line.
    public func error(_ message: @autoclosure () -> String, _ metadata: KeyValuePairs<String, String> = [:]) {
        log(.error, message(), metadata)
    }

    /// Writes an informational line.
    public func info(_ message: @autoclosure () -> String, _ metadata: KeyValuePairs<String, String> = [:]) {
        log(.info, message(), metadata)
    }

    /// Writes a warning line.
    public func warning(_ message: @autoclosure () -> String, _ metadata: KeyValuePairs<String, String> = [:]) {
        log(.warning, message(), metadata)
    }

    /// The access-log line: method, path, status, bytes, duration (written at `.info`). A request
    /// rejected by the parser has no method (`-` in text) and is logged with the peer's address instead
    /// of a path (`peer=` in logfmt and JSON).
    func access(method: Method?, path: String, status: Int, bytes: Int, duration: Duration) {
        guard isEnabled(.info), let sink else { return }
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let milliseconds = Double(micros) / 1000
        guard format != .text else {
            // The parser refuses control bytes in paths; a decoded space or quote would still shift the
            // fields, so such a path is quoted (logfmt rules).
            let shown = path.utf8.contains { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\"") } ? LogFormat.logfmtValue(path) : path
            sink("access \(method?.rawValue ?? "-") \(shown) \(status) \(bytes)B \(milliseconds)ms")
            return
        }
        var fields: [(key: String, value: LogFormat.Value)] = [("ts", .string(LogTimestamp.now())), ("level", .string("info")),
                                                               ("msg", .string("access"))]
        if let method {
            fields += [("method", .string(method.rawValue)), ("path", .string(path))]
        } else {
            fields.append(("peer", .string(path)))
        }
        fields += [("status", .number(String(status))), ("bytes", .number(String(bytes))),
                   ("duration_ms", .number(String(milliseconds)))]
        sink(format.line(fields))
    }
}
