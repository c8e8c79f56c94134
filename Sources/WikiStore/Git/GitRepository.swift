internal import CGit2
import Foundation

/// One open `git_repository*`; not Sendable: one thread at a time (libgit2 docs/threading.md).
final class GitRepository {
    /// The owned handle, freed in `deinit`.
    let handle: OpaquePointer

    /// The most bytes libgit2 keeps in its object caches, across all handles of the process.
    static let objectCacheLimit = 4 << 20

    /// The heap bytes libgit2 holds now (its object caches, pack indexes and delta bases, open handles),
    /// counted by the allocator installed in `library`.
    static var heapBytes: Int {
        _ = library
        return cgit2_heap_bytes()
    }

    /// The branch that holds the wiki tree (ARCHITECTURE.md, storage layout).
    static let mainBranch = "refs/heads/main"

    /// Process-wide libgit2 set-up, run once before the first handle is opened.
    static let library: Void = {
        // Count what libgit2 allocates (for /metrics and `make soak`); libgit2 keeps an allocator set before it
        // is initialised.
        _ = cgit2_install_counting_allocator()
        // libgit2 docs: git_libgit2_init must run before any other call; it is reference counted.
        _ = git_libgit2_init()
        // Owner validation refuses a repository owned by another uid. The daemon opens repositories it
        // created itself, and in CI the creating and serving uids differ (root vs runner), so this
        // safety check for shared workstations is switched off deliberately.
        _ = cgit2_set_owner_validation(0)
        // Off: a write is made durable by two explicit barriers around its ref move instead of ~10 fsyncs per
        // save (Durability, GitDurability.swift; issue 9's guarantee at issue 11's cost).
        _ = cgit2_set_fsync_gitdir(0)
        // Parsed commits and trees are cached per handle up to a process-wide total, 256 MiB by default: a
        // daemon that reads every new commit grew by it without end in `make soak` (issue 9). Derived
        // indexes, not this cache, make history fast (git-on-libgit2.md §1: size it per process). The limit
        // counts raw object bytes; the parsed objects take 3-4 times that (heaptrack, and /metrics' `git` gauge), so 4 MiB.
        _ = cgit2_set_cache_max_size(GitRepository.objectCacheLimit)
        // Pack files are read through mappings ("windows"), by default of 1 GiB each and up to 8 GiB in all:
        // every page of a pack that was ever read stayed resident (14 MiB of the scale benchmark's 17 MiB pack
        // after history and blame). Small windows and a cap let libgit2 unmap the least recently used ones;
        // the pages stay in the page cache, so mapping them again is cheap.
        _ = cgit2_set_mwindow_size(GitRepository.packWindowBytes)
        _ = cgit2_set_mwindow_mapped_limit(GitRepository.packMappedLimit)
    }()

    /// The size of one pack mapping, and the most pack bytes mapped at once (process-wide).
    static let packWindowBytes = 1 << 20, packMappedLimit = 8 << 20

    /// Opens the bare repository at `path` for the pool; the path was validated by `validated(at:)`. (git_repository_open_bare)
    init(openingBare path: String) throws(GitError) {
        _ = GitRepository.library
        var out: OpaquePointer?
        try check(git_repository_open_bare(&out, path), "git_repository_open_bare")
        guard let out else { preconditionFailure("git_repository_open_bare returned no handle") }
        handle = out
    }

    deinit { git_repository_free(handle) }

    /// Checks that `path` is an existing bare git repository, throwing `StoreError.notAWiki` with the reason.
    static func validate(at path: String) throws {
        _ = library
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StoreError.notAWiki(path, reason: "no such directory")
        }
        guard isDirectory.boolValue else { throw StoreError.notAWiki(path, reason: "not a directory") }
        var out: OpaquePointer?
        // NO_SEARCH: the wiki is exactly this directory, never a parent's repository.
        let result = git_repository_open_ext(&out, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        defer { git_repository_free(out) }
        do { try check(result, "git_repository_open_ext") } catch {
            throw StoreError.notAWiki(path, reason: error.isNotFound ? "not a git repository" : error.message)
        }
        guard git_repository_is_bare(out) == 1 else {
            throw StoreError.notAWiki(path, reason: "a repository with a working tree, not a bare repository")
        }
    }

    /// Creates a bare repository at `path` whose HEAD is `refs/heads/main` (unborn). (git_repository_init_ext)
    static func createBare(at path: String) throws(GitError) {
        _ = library
        var options = git_repository_init_options()
        try check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)),
                  "git_repository_init_options_init")
        options.flags = GIT_REPOSITORY_INIT_BARE.rawValue | GIT_REPOSITORY_INIT_MKPATH.rawValue
            | GIT_REPOSITORY_INIT_NO_REINIT.rawValue
        var out: OpaquePointer?
        let result = "main".withCString { head in
            options.initial_head = head
            return git_repository_init_ext(&out, path, &options)
        }
        git_repository_free(out)
        try check(result, "git_repository_init_ext")
    }

    /// The commit `refs/heads/main` points at, or nil while the branch is unborn.
    func branchTip() throws(GitError) -> ObjectID? {
        var id = git_oid()
        let result = git_reference_name_to_id(&id, handle, GitRepository.mainBranch)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "git_reference_name_to_id")
        return ObjectID(id)
    }

    /// Moves main to `new` only if it still points at `expected` (nil: only if it does not exist yet), durably
    /// (`Durability`). A lost race throws a `GitError` whose `isLostRace` is true.
    func moveMain(to new: ObjectID, expecting expected: ObjectID?, logMessage: String) throws(GitError) {
        try setReference(GitRepository.mainBranch, to: new, expecting: expected, logMessage: logMessage)
    }
}
