import CLinux
import Foundation

/// Gives freed heap memory back to the system now and then. glibc keeps freed memory in its arenas when
/// long-lived entries (caches) sit between short-lived request garbage, so a daemon's RSS climbs although
/// what it holds does not (issue 9's soak; heaptrack showed ~15 MiB live under ~40 MiB of anonymous RSS).
public enum MemoryTrimmer {
    /// The most malloc arenas the process uses. glibc gives busy threads up to eight arenas per core, each
    /// keeping its own free memory; the daemon's short-lived threads (clones, index builds) spread request
    /// garbage over all of them. Two: `make soak` ended at 74 MiB instead of 96, the scale benchmark at 86 MB
    /// instead of 106, with no throughput lost on two cores.
    public static let arenaLimit: Int32 = 2

    /// Caps the malloc arenas (`mallopt(M_ARENA_MAX)`); call before the first thread starts, since glibc
    /// fixes the cap when it first makes a second arena.
    public static func limitArenas() {
        _ = mallopt(M_ARENA_MAX, arenaLimit)
    }

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
