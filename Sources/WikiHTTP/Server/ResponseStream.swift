import Foundation

/// The bounded chunk queue between a worker writing a streamed body and the event loop sending it.
///
/// The worker blocks in `write` while more than `capacity` bytes are queued; the loop takes chunks as
/// the socket drains and wakes it. That is backpressure without `async` (STYLE.md §4).
/// @unchecked Sendable: every stored var is read and written only while holding `condition`.
final class ResponseStream: @unchecked Sendable {
    /// What the loop found when it took chunks.
    struct Taken {
        var chunks: [[UInt8]]
        /// The writer returned normally: send the last chunk.
        var finished: Bool
        /// The writer threw: the body is incomplete and the connection must be aborted.
        var failed: Bool
    }

    /// Raised in the worker when the client went away.
    struct Cancelled: Error {}

    private let condition = NSCondition()
    private let capacity: Int
    private let notify: @Sendable () -> Void
    private var chunks: [[UInt8]] = []
    private var queued = 0
    private var finished = false, failed = false, cancelled = false, loopWaiting = true
    private var total = 0

    /// A queue holding up to `capacity` bytes; `notify` wakes the loop (it must not block).
    init(capacity: Int, notify: @escaping @Sendable () -> Void) {
        self.capacity = capacity
        self.notify = notify
    }

    /// Queues a chunk (worker side); blocks while full; throws `Cancelled` once the loop gave up.
    func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        condition.lock()
        while queued >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { condition.unlock(); throw Cancelled() }
        chunks.append(bytes)
        queued += bytes.count
        total += bytes.count
        let wake = loopWaiting
        loopWaiting = false
        condition.unlock()
        if wake { notify() }
    }

    /// Marks the end of the body (worker side); `failed` when the writer threw.
    func finish(failed: Bool) {
        condition.lock()
        finished = true
        self.failed = failed
        let wake = loopWaiting
        loopWaiting = false
        condition.unlock()
        if wake { notify() }
    }

    /// Takes every queued chunk (loop side, never blocks); when nothing is left the next write notifies.
    func take() -> Taken {
        condition.lock()
        defer { condition.unlock() }
        let taken = Taken(chunks: chunks, finished: finished && !failed, failed: failed)
        chunks.removeAll(keepingCapacity: true)
        queued = 0
        if !finished { loopWaiting = true }
        condition.broadcast()
        return taken
    }

    /// Stops the writer (loop side): the connection closed.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Bytes written by the handler.
    var bytesWritten: Int {
        condition.lock()
        defer { condition.unlock() }
        return total
    }
}
