import Foundation

/// This process's resident memory and open descriptors, read from `/proc/self` (proc(5)).
struct ProcessStatus {
    /// `VmRSS` in bytes, or nil when `/proc/self/status` cannot be read.
    let residentBytes: Int?
    /// Entries of `/proc/self/fd`, or nil when it cannot be listed.
    let openDescriptors: Int?

    /// Reads both now.
    static func current() -> ProcessStatus {
        ProcessStatus(residentBytes: residentBytes(), openDescriptors: try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count)
    }

    /// proc(5): the `VmRSS:   1234 kB` line of `/proc/self/status`.
    private static func residentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }
}
