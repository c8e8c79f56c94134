import CLinux

/// CPU priority of background threads (index building, cache refreshes) relative to request threads.
public enum ThreadPriority {
    /// Makes the calling thread yield the CPU to threads answering requests (10 nice steps lower).
    /// Failure only means the work competes at normal priority, so it is ignored.
    public static func lowerCurrentThread() {
        _ = clinux_nice_current_thread(10)
    }
}
