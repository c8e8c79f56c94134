import Foundation
import Synchronization
import Testing
@testable import WikiHTTP

/// The handler threads' queue.
@Suite struct WorkerPoolTests {
    /// Stands for what a job holds (a request and its body); counts down when freed.
    private final class Payload: Sendable {
        let freed: Latch
        init(freed: Latch) { self.freed = freed }
        deinit { freed.countDown() }
    }

    @Test("A job and what it holds are freed once it has run, not kept until a thousand more jobs came")
    func releasesFinishedJobs() {
        let pool = WorkerPool(threads: 1, name: "test-pool")
        defer { pool.shutdown() }
        let ran = Latch(count: 3), freed = Latch(count: 3)
        for _ in 0..<3 {
            let payload = Payload(freed: freed)
            pool.submit { _ = payload; ran.countDown() }
        }
        #expect(ran.wait(until: Date(timeIntervalSinceNow: 5)))
        #expect(freed.wait(until: Date(timeIntervalSinceNow: 5)), "the finished jobs' payloads are still held")
    }

    @Test("Jobs run in the order they were queued")
    func runsInOrder() {
        let pool = WorkerPool(threads: 1, name: "test-pool")
        defer { pool.shutdown() }
        let order = Mutex<[Int]>([]), done = Latch(count: 2_000)
        for number in 0..<2_000 {
            pool.submit { order.withLock { $0.append(number) }; done.countDown() }
        }
        #expect(done.wait(until: Date(timeIntervalSinceNow: 10)))
        #expect(order.withLock { $0 } == Array(0..<2_000))
    }
}
