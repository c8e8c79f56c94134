import Foundation
import Synchronization

/// Keeps the clone pack cache at the current refs in the background, whoever moved them (issue 7: a second
/// clone must never wait for a pack build).
///
/// How it works: `Wiki` calls `request()` after every write it makes (web saves, reverts, pushes, maintenance)
/// and at the start of every upload-pack request (which also notices writers outside this process). When
/// enabled, a request starts one background thread unless one is running; the thread waits a short quiet
/// period so a burst of saves folds into one refresh, then runs `Wiki.refreshCloneCache()`. That call is the
/// cheap tip check: it reads the refs, derives the clone pack's key and returns at once when that pack is
/// cached; otherwise it splices the newest cached pack with the new objects (milliseconds for a few commits)
/// or, with no usable base, builds the pack in full. Requests arriving during a run make it run once more.
/// Disabled by default, so tests and one-shot commands never start background builds; `serve` enables it.
final class CloneCacheRefresher: Sendable {
    /// The quiet period before a refresh.
    static let debounce = 0.3
    /// (refreshes allowed, a thread is running, another request came during the run).
    private let state = Mutex((enabled: false, running: false, again: false))

    /// One refresher per repository in this process, shared by every `Wiki` opened on it.
    private static let registry = Mutex<[String: CloneCacheRefresher]>([:])

    /// The refresher of the repository at `path`, created on first use.
    static func forRepository(at path: String) -> CloneCacheRefresher {
        registry.withLock { refreshers in
            if let refresher = refreshers[path] { return refresher }
            let refresher = CloneCacheRefresher()
            refreshers[path] = refresher
            return refresher
        }
    }

    /// Allows background refreshes from now on.
    func enable() { state.withLock { $0.enabled = true } }

    /// Asks for a refresh with `refresh`; returns at once.
    func request(_ refresh: @escaping @Sendable () -> Void) {
        let start = state.withLock { state -> Bool in
            guard state.enabled else { return false }
            if state.running { state.again = true; return false }
            state.running = true
            return true
        }
        guard start else { return }
        Thread.detachNewThread { [self] in
            repeat {
                Thread.sleep(forTimeInterval: CloneCacheRefresher.debounce)
                refresh()
            } while state.withLock { state -> Bool in
                state.running = state.again
                state.again = false
                return state.running
            }
        }
    }
}
