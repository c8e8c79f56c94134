import Foundation
import Synchronization
import Testing
@testable import WikiHTTP

/// Background work runs at a lower CPU priority than request threads.
@Suite struct ThreadPriorityTests {
    @Test("lowerCurrentThread raises only the calling thread's nice value by 10")
    func lowersOnlyTheCallingThread() throws {
        let before = try Self.niceValue("/proc/thread-self/stat")
        let lowered = Mutex<Int?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            ThreadPriority.lowerCurrentThread()
            lowered.withLock { $0 = try? Self.niceValue("/proc/thread-self/stat") }
            done.signal()
        }
        done.wait()
        #expect(lowered.withLock { $0 } == min(before + 10, 19))
        #expect(try Self.niceValue("/proc/thread-self/stat") == before)
    }

    /// Field 19 of a `stat` file (proc(5)); the command name in field 2 may hold spaces, so count after its ')'.
    private static func niceValue(_ path: String) throws -> Int {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let afterName = try #require(text.range(of: ")", options: .backwards)).upperBound
        let fields = text[afterName...].split(separator: " ")
        return try #require(Int(fields[16]))
    }
}
