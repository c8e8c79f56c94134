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

    @Test("Trims when the period is up or a burst freed more than the threshold since the last trim, not otherwise")
    func trimDecision() {
        let threshold = MemoryTrimmer.freeGrowthThreshold, period = Duration.seconds(10)
        #expect(!MemoryTrimmer.shouldTrim(freeBytes: 3 << 20, freeAfterLastTrim: 2 << 20, sinceLastTrim: .seconds(1), period: period))
        #expect(MemoryTrimmer.shouldTrim(freeBytes: (2 << 20) + threshold + 1, freeAfterLastTrim: 2 << 20,
                                         sinceLastTrim: .seconds(1), period: period))
        #expect(!MemoryTrimmer.shouldTrim(freeBytes: (2 << 20) + threshold, freeAfterLastTrim: 2 << 20,
                                          sinceLastTrim: .seconds(9), period: period))
        #expect(MemoryTrimmer.shouldTrim(freeBytes: 0, freeAfterLastTrim: 2 << 20, sinceLastTrim: .seconds(10), period: period))
    }

    @Test("The free heap figure grows by what was freed")
    func freeHeapBytes() {
        // As above: the last block stays, so the freed ones cannot simply go back as the heap's top.
        let blocks = (0..<16_384).map { _ -> UnsafeMutableRawPointer in
            let block = malloc(1_024)!
            memset(block, 1, 1_024)
            return block
        }
        defer { free(blocks[blocks.count - 1]) }
        let before = MemoryTrimmer.freeHeapBytes
        for block in blocks.dropLast() { free(block) }
        // 16 MiB were freed; other tests' threads allocate meanwhile, so half of it is asked for.
        #expect(MemoryTrimmer.freeHeapBytes - before >= 8 << 20)
    }

    /// `RssAnon` of this process, in KiB (proc(5)).
    private static func anonymousKiB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("RssAnon:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }
}
