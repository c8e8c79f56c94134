internal import CGit2
internal import CLinux
import Foundation
import Synchronization

/// The durability guarantee of every write (issue 9), kept in this one file.
///
/// libgit2's own fsync option (`GIT_OPT_ENABLE_FSYNC_GITDIR`) is off: it fsyncs each loose object and its
/// folder, then the ref and its folder, about ten fsyncs per web save (11–55 ms, issue 11). Instead, the
/// only function that moves refs, `GitRepository.moveReferences` (`moveMain`, `setReference` and
/// `updateReferences` call it), puts two barriers around the move:
/// 1. before the ref moves: one `syncfs` of the repository's filesystem, so every object the new ref can
///    reach — loose objects, a pushed pack and its `.idx` moved out of quarantine, commits made earlier by
///    `applyPatches` — and the folders naming them are on disk;
/// 2. after the ref moved: `fsync` of the loose ref file (or `packed-refs` when the ref lives only there)
///    and of its folder, so the rename that published it is on disk too; for a ref that had no loose file
///    before, also every folder up to the repository (the move may have created them).
/// The move returns, and so a write is acknowledged, only after both. A kill -9, or a power loss on a disk
/// that honours fsync, at any moment therefore leaves each ref either at its old value or at a new value whose objects are all
/// present: `git fsck --full` accepts the repository and every acknowledged write is in it.
/// Maintenance keeps the same order: a new pack is synced before the objects it replaces are deleted
/// (`syncObjects`), and ref packing runs with libgit2's fsync on (`withLibraryFsync`).
/// Derived files (indexes, commit-graph, clone pack cache) are rebuilt from git and need no barrier.
enum Durability {
    /// One barrier, as recorded for a repository that `record(_:)` registered (a test hook).
    enum Event: Equatable, Sendable {
        /// The objects barrier before a ref move (or before maintenance deletes objects).
        case objectsSynced
        /// The refs (full names) fsynced after they moved.
        case referencesSynced([String])
    }

    /// Barriers seen per registered repository directory; empty unless a test registers one (a barrier then
    /// costs one uncontended lock more).
    private static let events = Mutex<[String: [Event]]>([:])

    /// Starts recording the barriers of the repository at `directory` (tests check every write path with it).
    static func record(_ directory: String) {
        events.withLock { $0[resolved(directory)] = [] }
    }

    /// The barriers recorded for `directory` since `record(_:)`, and clears them.
    static func takeEvents(_ directory: String) -> [Event] {
        events.withLock { events in
            let key = resolved(directory)
            defer { if events[key] != nil { events[key] = [] } }
            return events[key] ?? []
        }
    }

    /// `directory` with symlinks resolved, as libgit2 reports a repository's path.
    private static func resolved(_ directory: String) -> String {
        URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
    }

    /// Appends `event` when `directory` is being recorded.
    private static func note(_ event: Event, in directory: String) {
        events.withLock { events in events[directory]?.append(event) }
    }

    /// Writes back everything dirty on the filesystem holding `directory` and waits. (syncfs)
    static func syncObjects(in directory: String) throws(GitError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open", directory) }
        defer { close(fd) }
        guard clinux_syncfs(fd) == 0 else { throw failure("syncfs", directory) }
        note(.objectsSynced, in: directory)
    }

    /// The names among `names` that have no loose ref file yet: writing them may create folders.
    static func newLooseReferences(_ names: [String], in directory: String) -> Set<String> {
        Set(names.filter { !FileManager.default.fileExists(atPath: directory + "/" + $0) })
    }

    /// Fsyncs the files holding `names` in the repository at `directory` and the folder of each; for the refs in
    /// `created` (no loose file before the move) every folder up to the repository too. (fsync)
    static func syncReferences(_ names: [String], created: Set<String>, in directory: String) throws(GitError) {
        var folders: Set<String> = []
        for name in names {
            // libgit2 writes a moved ref as a loose file; a ref it could only find packed lives in packed-refs.
            let loose = directory + "/" + name
            let file = FileManager.default.fileExists(atPath: loose) ? loose : directory + "/packed-refs"
            try fsyncPath(file)
            // The rename that published the file is recorded in its folder. A new loose ref may also have created
            // folders (refs/proposals/<id>/), each recorded in its parent; folders that existed before the move
            // were made durable by the objects barrier.
            var folder = (file as NSString).deletingLastPathComponent
            folders.insert(folder)
            while created.contains(name), folder.count > directory.count, folder.hasPrefix(directory) {
                folder = (folder as NSString).deletingLastPathComponent
                folders.insert(folder)
            }
        }
        for folder in folders.sorted(by: >) { try fsyncPath(folder) }
        note(.referencesSynced(names), in: directory)
    }

    /// Opens `path` read-only (a file or a folder) and fsyncs it.
    private static func fsyncPath(_ path: String) throws(GitError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("fsync", path) }
    }

    /// A `GitError` for a failed system call, with errno's text.
    private static func failure(_ call: String, _ path: String) -> GitError {
        GitError(code: -1, message: "\(path): \(String(cString: strerror(errno)))", function: call)
    }
}

extension GitRepository {
    /// Runs `body` with libgit2's own fsync of objects and refs switched on, for the few libgit2 calls that
    /// write and delete in one step (`git_refdb_compress` writes packed-refs, then deletes the loose refs).
    /// The option is process-wide: callers hold the writer lock, and other writers meanwhile only fsync more.
    func withLibraryFsync<T>(_ body: () throws -> T) rethrows -> T {
        _ = cgit2_set_fsync_gitdir(1)
        defer { _ = cgit2_set_fsync_gitdir(0) }
        return try body()
    }
}
