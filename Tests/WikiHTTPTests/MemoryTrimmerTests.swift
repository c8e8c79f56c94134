import Foundation
import Testing
@testable import WikiHTTP

/// Freed heap memory goes back to the system when trimmed.
@Suite struct MemoryTrimmerTests {
    @Test("After 64 MiB of small blocks are freed behind one that stays, trimming returns most of it")
    func trimReleasesFreedHeap() throws {
        // Small blocks come from the heap (not mmap); the last one stays allocated so that glibc cannot
        // simply shrink the heap's top, which is the fragmented state a long-running server gets into.
        let blocks = (0..<65_536).map { _ -> UnsafeMutableRawPointer in
            let block = malloc(1_024)!
            memset(block, 1, 1_024)
            return block
        }
        for block in blocks.dropLast() { free(block) }
        defer { free(blocks[blocks.count - 1]) }
        let before = try Self.anonymousKiB()
        MemoryTrimmer.trimNow()
        let after = try Self.anonymousKiB()
        #expect(before - after >= 32 * 1_024, "RssAnon \(before) KiB before, \(after) KiB after")
    }

    /// `RssAnon` of this process, in KiB (proc(5)).
    private static func anonymousKiB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("RssAnon:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }
}
