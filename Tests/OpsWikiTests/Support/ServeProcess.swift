import Foundation
import Synchronization

/// `opswiki serve` running as a child process on 127.0.0.1 with a free port; its stderr is collected.
final class ServeProcess: Sendable {
    /// The built binary: `.build/debug/opswiki` of this checkout (swift test builds it), or `$OPSWIKI_BINARY`.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["OPSWIKI_BINARY"] { return path }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug/opswiki").path
    }

    /// The child's process id.
    let pid: Int32
    /// The port it listens on.
    let port: Int
    private let process: Process
    private let lines: Locked<[String]>

    /// Starts `opswiki serve` with `arguments` (plus `--host 127.0.0.1 --port 0`) and waits for its
    /// "serving … at http://127.0.0.1:PORT/" line (10 s at most).
    init(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0"] + arguments
        process.environment = ["PATH": "/usr/bin:/bin", "LC_ALL": "C"]
        let error = Pipe()
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let lines = Locked<[String]>([])
        let handle = error.fileHandleForReading
        try process.run()
        // Read stderr until EOF (the child exits or is killed), so the child never blocks on a full pipe.
        Thread.detachNewThread {
            var pending = Data()
            while case let chunk = handle.availableData, !chunk.isEmpty {
                pending += chunk
                while let newline = pending.firstIndex(of: 10) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    lines.update { $0.append(line) }
                    pending = Data(pending[pending.index(after: newline)...])
                }
            }
        }
        let deadline = Date(timeIntervalSinceNow: 10)
        var port: Int?
        while port == nil && Date() < deadline && process.isRunning {
            port = lines.get().lazy.compactMap(Self.port(in:)).first
            if port == nil { Thread.sleep(forTimeInterval: 0.02) }
        }
        guard let port else {
            process.terminate()
            throw CommandFailed("opswiki serve did not start: \(lines.get().joined(separator: "\n"))")
        }
        self.process = process
        self.pid = process.processIdentifier
        self.port = port
        self.lines = lines
    }

    /// The port in a "serving … at http://127.0.0.1:PORT/" line.
    private static func port(in line: String) -> Int? {
        guard line.contains(" serving "), let range = line.range(of: "http://127.0.0.1:") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }

    /// Everything the child wrote to stderr so far, line by line.
    var stderrLines: [String] { lines.get() }

    /// SIGKILL: no handler runs, nothing is flushed; then waits for the child to be gone.
    func kill() {
        Glibc.kill(pid, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, then waits for the drain to finish.
    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}

/// A helper program failed; the message says how.
struct CommandFailed: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
