import CLinux
import Foundation

/// Gives freed heap memory back to the system now and then. glibc keeps freed memory in its arenas when
/// long-lived entries (caches) sit between short-lived request garbage, so a daemon's RSS climbs although
/// what it holds does not (issue 9's soak; heaptrack showed ~15 MiB live under ~40 MiB of anonymous RSS).
public enum MemoryTrimmer {
    /// Releases free heap pages of every arena (`malloc_trim(0)`); returns whether any memory was released.
    @discardableResult
    public static func trimNow() -> Bool {
        malloc_trim(0) == 1
    }

    /// Trims every `interval` on a background thread of low priority, for the life of the process.
    public static func start(every interval: TimeInterval = 10) {
        Thread.detachNewThread {
            ThreadPriority.lowerCurrentThread()
            while true {
                Thread.sleep(forTimeInterval: interval)
                trimNow()
            }
        }
    }
}
