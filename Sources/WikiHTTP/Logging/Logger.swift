import Glibc

/// A minimal line logger: writes whole lines to stderr (or nowhere), safe from any thread.
public struct Logger: Sendable {
    /// The importance of a line.
    public enum Level: Int, Sendable, Comparable {
        case debug, info, warning, error
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    private let sink: (@Sendable (String) -> Void)?
    /// Lines below this level are dropped.
    public let minimumLevel: Level

    /// A logger passing each finished line to `sink` (nil: silent).
    public init(minimumLevel: Level = .info, sink: (@Sendable (String) -> Void)?) {
        self.minimumLevel = minimumLevel
        self.sink = sink
    }

    /// Lines to standard error, one `write(2)` each so threads never interleave within a line.
    public static let standardError = Logger { line in
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// A logger that drops everything (tests).
    public static let silent = Logger(sink: nil)

    /// Whether a line at `level` would be written.
    public func isEnabled(_ level: Level) -> Bool { sink != nil && level >= minimumLevel }

    /// Writes `message` at `level` with optional `key=value` metadata.
    public func log(_ level: Level, _ message: @autoclosure () -> String, _ metadata: KeyValuePairs<String, String> = [:]) {
        guard let sink, level >= minimumLevel else { return }
        var line = "\(level) \(message())"
        for (key, value) in metadata { line += " \(key)=\(value)" }
        sink(line)
    }

    /// Writes an error line.
    public func error(_ message: @autoclosure () -> String, _ metadata: KeyValuePairs<String, String> = [:]) {
        log(.error, message(), metadata)
    }

    /// Writes an informational line.
    public func info(_ message: @autoclosure () -> String, _ metadata: KeyValuePairs<String, String> = [:]) {
        log(.info, message(), metadata)
    }

    /// The access-log line: method, path, status, bytes, duration (written at `.info`). A request
    /// rejected by the parser has no method (`-`) and is logged with the peer's address instead of a path.
    func access(method: Method?, path: String, status: Int, bytes: Int, duration: Duration) {
        guard isEnabled(.info), let sink else { return }
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        sink("access \(method?.rawValue ?? "-") \(path) \(status) \(bytes)B \(Double(micros) / 1000)ms")
    }
}
