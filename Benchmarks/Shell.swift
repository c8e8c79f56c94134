import Foundation

/// Runs helper programs for the benchmarks that spawn processes (git, servers).
enum Shell {
    /// Why a command failed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `program` (looked up on PATH) with `arguments`; throws with its stderr when it exits non-zero.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") || program.hasPrefix(".") ? program : "/usr/bin/env")
        process.arguments = program.hasPrefix("/") || program.hasPrefix(".") ? arguments : [program] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe(), error = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: Data((input ?? "").utf8))
        try stdin.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(program) \(arguments.joined(separator: " ")) failed: \(String(decoding: err, as: UTF8.self).prefix(500))")
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
