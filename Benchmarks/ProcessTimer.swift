import Foundation

/// Runs a program with a file on stdin and its output discarded, and times it (wall clock, including
/// start-up, the way `time cmd < file > /dev/null` does for the reference figure).
struct ProcessTimer {
    /// The program's path.
    var executable: String
    /// Its arguments.
    var arguments: [String]

    /// Why a run failed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The best (shortest) wall time of `runs` runs, in seconds.
    func best(of runs: Int, input: String) throws -> Double {
        var best = Double.infinity
        for _ in 0..<runs { best = min(best, try time(input: input)) }
        return best
    }

    /// One run's wall time in seconds; throws when the program cannot start or exits non-zero.
    func time(input: String) throws -> Double {
        let process = try makeProcess(input: input, output: FileHandle(forWritingAtPath: "/dev/null"))
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        process.waitUntilExit()
        let elapsed = clock.now - start
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(executable) exited with status \(process.terminationStatus)")
        }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// The program's standard output for `input` (used to check that it really renders).
    func output(for input: String) throws -> String {
        let pipe = Pipe()
        let process = try makeProcess(input: input, output: pipe.fileHandleForWriting)
        try process.run()
        try pipe.fileHandleForWriting.close()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(executable) exited with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    private func makeProcess(input: String, output: FileHandle?) throws -> Process {
        guard let stdin = FileHandle(forReadingAtPath: input) else {
            throw Failure(description: "cannot read \(input)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        return process
    }

    /// The first `name` found on `PATH` that is executable.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
