import Foundation

/// A server process started for a benchmark: its port comes from its first output line that names one.
final class BenchServer {
    let process = Process()
    let port: Int
    /// When the process was started (for time-to-first-answer).
    let started: ContinuousClock.Instant

    enum Stream { case standardOutput, standardError }

    init(_ executable: String, _ arguments: [String], portFrom stream: Stream) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        if stream == .standardOutput { process.standardOutput = pipe } else { process.standardError = pipe }
        started = .now
        try process.run()
        var buffer = "", found: Int?
        let deadline = ContinuousClock.now + .seconds(60)
        while found == nil, ContinuousClock.now < deadline {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            buffer += String(decoding: data, as: UTF8.self)
            found = buffer.split(separator: "\n").lazy.compactMap(BenchServer.port(in:)).first
        }
        guard let found else {
            process.terminate()
            throw Shell.Failure(description: "\(arguments.joined(separator: " ")) did not say its port: \(buffer.prefix(300))")
        }
        port = found
    }

    /// `opswiki … at http://127.0.0.1:PORT/` or a bare number.
    private static func port(in line: Substring) -> Int? {
        if let number = Int(line.trimmingCharacters(in: .whitespaces)) { return number }
        guard let range = line.range(of: "http://127.0.0.1:") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }

    /// The process's resident memory now, in MB (VmRSS of /proc/PID/status); nil if unreadable.
    var residentMegabytes: Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kilobytes / 1024
    }

    /// Stops the process (SIGTERM) and waits for it.
    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
