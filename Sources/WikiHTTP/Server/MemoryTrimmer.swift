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

    /// Bytes malloc holds free in its arenas now (`mallinfo2().fordblks`): freed, not yet given back.
    public static var freeHeapBytes: Int { Int(mallinfo2().fordblks) }

    /// The heap in one look (`mallinfo2` walks malloc's bins): `used` is allocated and not freed (`uordblks`,
    /// plus `hblkhd` for blocks malloc mapped on their own), what the process holds, against which RSS shows
    /// what fragmentation and untrimmed memory add; `free` as `freeHeapBytes`.
    public static var heapUsage: (used: Int, free: Int) {
        let info = mallinfo2()
        return (Int(info.uordblks + info.hblkhd), Int(info.fordblks))
    }

    /// How many more free bytes than the last trim left make the trimmer act before its period is up.
    public static let freeGrowthThreshold = 8 << 20

    /// Whether to trim now: the period is up, or a burst (a blame, an index build, a clone) freed more than
    /// `freeGrowthThreshold` bytes since the last trim. Memory is given back within a second of a burst instead
    /// of up to a period later, and an idle heap is not walked every second for nothing.
    static func shouldTrim(freeBytes: Int, freeAfterLastTrim: Int, sinceLastTrim: Duration, period: Duration) -> Bool {
        sinceLastTrim >= period || freeBytes > freeAfterLastTrim + freeGrowthThreshold
    }

    /// On a background thread of low priority, for the life of the process: looks at the free heap every
    /// `check` seconds and trims by `shouldTrim`, at least every `period`.
    public static func start(check: TimeInterval = 1, period: Duration = .seconds(10)) {
        Thread.detachNewThread {
            ThreadPriority.lowerCurrentThread()
            var freeAfterLastTrim = freeHeapBytes
            var lastTrim = ContinuousClock.now
            while true {
                Thread.sleep(forTimeInterval: check)
                guard shouldTrim(freeBytes: freeHeapBytes, freeAfterLastTrim: freeAfterLastTrim,
                                 sinceLastTrim: .now - lastTrim, period: period) else { continue }
                trimNow()
                freeAfterLastTrim = freeHeapBytes
                lastTrim = .now
            }
        }
    }
}
