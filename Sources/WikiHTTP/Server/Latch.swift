import Foundation

/// Counts down to zero once; `wait` blocks until then (used to join threads).
final class Latch: @unchecked Sendable {
    // @unchecked Sendable: `remaining` is only touched while holding `condition`.
    private let condition = NSCondition()
    private var remaining: Int

    init(count: Int) { remaining = count }

    func countDown() {
        condition.lock()
        remaining -= 1
        if remaining <= 0 { condition.broadcast() }
        condition.unlock()
    }

    func wait() {
        condition.lock()
        while remaining > 0 { condition.wait() }
        condition.unlock()
    }

    /// Waits until zero or `deadline`; true when zero was reached.
    func wait(until deadline: Date) -> Bool {
        // Foundation's NSCondition.wait(until:) traps on Date.distantFuture (the timespec overflows).
        guard deadline < Date.distantFuture else { wait(); return true }
        condition.lock()
        defer { condition.unlock() }
        while remaining > 0 {
            if !condition.wait(until: deadline) { return remaining <= 0 }
        }
        return true
    }
}
