import Foundation
import Synchronization

/// What start-up recovery found and did.
public struct CrashRecovery: Sendable, Equatable {
    /// Lock files (relative to the repository) removed: left by a process killed while writing.
    public var removedLocks: [String] = []
    /// Other leftovers removed: push quarantines and temporary object files, relative to the repository.
    public var removedLeftovers: [String] = []
    /// Set when recovery did not run because another opswiki process holds the repository.
    public var skippedBecauseInUse = false
}

/// Recovering from a crash (issue 9): a process killed while writing leaves lock files that would make
/// every later write of that ref fail ("failed to lock file"); they are removed at start, never ignored.
extension Wiki {
    /// Holds this repository for the life of the process (shared with other serving processes) and, when no
    /// other opswiki process holds it, removes what a killed process left behind and that predates `start`:
    /// git lock files (`*.lock` under `refs/` and `logs/`, `packed-refs.lock`, `HEAD.lock`, `config.lock`,
    /// `index.lock`, `shallow.lock`), push quarantines and libgit2's temporary object files.
    /// Call it once at start-up, before serving. A lock file newer than `start` is kept (a live writer's).
    public func recoverAfterCrash(start: Date) throws -> CrashRecovery {
        let hold = try ServeHold(repositoryPath: path)
        defer {
            hold.holdShared()
            Self.holds.withLock { $0.append(hold) }
        }
        guard hold.tryExclusive() else { return CrashRecovery(skippedBecauseInUse: true) }
        var recovery = CrashRecovery()
        for relative in Self.lockCandidates(in: path) where Self.isOlder(path + "/" + relative, than: start) {
            try Self.remove(path + "/" + relative)
            recovery.removedLocks.append(relative)
        }
        for relative in Self.leftoverCandidates(in: path) where Self.isOlder(path + "/" + relative, than: start) {
            try Self.remove(path + "/" + relative)
            recovery.removedLeftovers.append(relative)
        }
        return recovery
    }

    /// Holds kept open until the process exits (closing the descriptor would drop the flock).
    private static let holds = Mutex<[ServeHold]>([])

    /// Lock files git and libgit2 create beside what they rewrite (gitrepository-layout: `<file>.lock`).
    static func lockCandidates(in repository: String) -> [String] {
        var found = ["packed-refs.lock", "HEAD.lock", "config.lock", "index.lock", "shallow.lock", "FETCH_HEAD.lock"]
            .filter { FileManager.default.fileExists(atPath: repository + "/" + $0) }
        for directory in ["refs", "logs"] {
            guard let walker = FileManager.default.enumerator(atPath: repository + "/" + directory) else { continue }
            while let relative = walker.nextObject() as? String {
                if relative.hasSuffix(".lock") { found.append(directory + "/" + relative) }
            }
        }
        return found.sorted()
    }

    /// Push quarantines (`opswiki/incoming/*`) and libgit2's `objects/??/tmp_object_git2_*` temporary files.
    static func leftoverCandidates(in repository: String) -> [String] {
        let files = FileManager.default
        var found = ((try? files.contentsOfDirectory(atPath: repository + "/opswiki/incoming")) ?? []).map { "opswiki/incoming/" + $0 }
        for fanout in (try? files.contentsOfDirectory(atPath: repository + "/objects")) ?? [] where fanout.count == 2 {
            for name in (try? files.contentsOfDirectory(atPath: repository + "/objects/" + fanout)) ?? []
            where name.hasPrefix("tmp_object_git2_") {
                found.append("objects/\(fanout)/\(name)")
            }
        }
        return found.sorted()
    }

    /// Whether the file at `path` was last modified before `date` (lstat(2), so a symlink is judged itself).
    private static func isOlder(_ path: String, than date: Date) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        return modified < date.timeIntervalSince1970
    }

    private static func remove(_ path: String) throws {
        do { try FileManager.default.removeItem(atPath: path) } catch {
            throw StoreError.invalidInput("cannot remove \(path) left by a crash: \(error.localizedDescription)")
        }
    }
}
