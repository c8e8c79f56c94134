import Foundation

/// A fixed set of threads running handler jobs in arrival order (NIO's NIOThreadPool, in miniature).
final class WorkerPool: Sendable {
    /// @unchecked Sendable: `jobs`, `head` and `stopping` are only touched while holding `condition`.
    private final class Queue: @unchecked Sendable {
        let condition = NSCondition()
        /// Taken jobs are set to nil at once: a job holds its request (a POST's body, up to `max-body`), and
        /// the slots before `head` are only dropped in batches.
        var jobs: [(@Sendable () -> Void)?] = []
        var head = 0
        var stopping = false
    }

    private let queue = Queue()
    private let finished: Latch

    /// Starts `count` threads.
    init(threads count: Int, name: String) {
        finished = Latch(count: count)
        for index in 0..<count {
            let queue = self.queue, finished = self.finished
            let thread = Thread {
                while let job = Self.nextJob(queue) { job() }
                finished.countDown()
            }
            thread.name = "\(name)-\(index)"
            // Handlers render Markdown and walk git trees; give them a main-thread-sized stack.
            thread.stackSize = 8 * 1024 * 1024
            thread.start()
        }
    }

    /// Queues `job` for the next free thread.
    func submit(_ job: @escaping @Sendable () -> Void) {
        queue.condition.lock()
        queue.jobs.append(job)
        queue.condition.signal()
        queue.condition.unlock()
    }

    /// Runs the jobs already queued, then stops every thread; waits for them until `deadline`, and
    /// returns false if a handler was still running then (the process may exit under it).
    @discardableResult
    func shutdown(deadline: Date = .distantFuture) -> Bool {
        queue.condition.lock()
        queue.stopping = true
        queue.condition.broadcast()
        queue.condition.unlock()
        return finished.wait(until: deadline)
    }

    private static func nextJob(_ queue: Queue) -> (@Sendable () -> Void)? {
        queue.condition.lock()
        defer { queue.condition.unlock() }
        while queue.head == queue.jobs.count {
            if queue.stopping { return nil }
            queue.jobs.removeAll(keepingCapacity: true)
            queue.head = 0
            queue.condition.wait()
        }
        guard let job = queue.jobs[queue.head] else { preconditionFailure("only taken slots are empty") }
        queue.jobs[queue.head] = nil
        queue.head += 1
        if queue.head > 1024 && queue.head * 2 > queue.jobs.count {
            queue.jobs.removeFirst(queue.head)
            queue.head = 0
        }
        return job
    }
}
