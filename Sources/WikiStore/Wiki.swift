import Foundation
import Synchronization

/// The wiki stored in a bare git repository: the only entry point of WikiStore.
///
/// All methods are synchronous and may be called from any thread; each call borrows a repository
/// handle of its own, and writes take the repository's process-wide writer lock.
public final class Wiki: Sendable {
    /// The repository directory, absolute and standardised.
    public let path: String
    /// The committer of every commit this wiki makes (authors are the users).
    public let identity: Person
    /// Open handles, one per concurrent caller.
    let pool: RepositoryPool
    /// Serialises writers to this repository within the process (ARCHITECTURE.md, writes).
    let writer: WriterLock
    /// The full-text index of the pages at the tip, brought up to date by each query (`Wiki+Search.swift`).
    let searchIndex = SearchIndex()
    /// Texts of pages search hits show snippets of, by blob id (the index holds blob ids only); 4 MiB at most.
    let snippetTexts = TextCache(byteLimit: 4 << 20)
    /// Files read from commits, so popular pages are not read from git on every view.
    /// 16 MiB at most: anonymous page views are answered from the HTTP response cache before they get here.
    let fileCache = FileCache(byteLimit: 16 << 20)
    /// Per-path history of main, persisted under `opswiki/` (`Wiki+HistoryIndex.swift`).
    let historyIndex: HistoryIndex
    /// Line hashes of page versions by blob id, for blame (`Wiki+Blame.swift`); 1M lines, 8 MB at most.
    let lineHashes = LineHashCache(lineLimit: 1 << 20)
    /// Commits this `Wiki` put on main, by source (web, push, merge), for `/metrics`.
    public let commitCounters = CommitCounters()
    /// Searches that found the index at main's tip (hits) or had to bring it forward (misses).
    let searchCounters = CacheCounters()
    /// Whether `serve` builds the derived indexes in the background (`indexesWillBuildInBackground`).
    let indexesBuildInBackground = Atomic<Bool>(false)

    private init(path: String, identity: Person?) {
        self.path = path
        self.identity = identity ?? .daemon
        self.pool = RepositoryPool(path: path)
        self.writer = WriterLock.forRepository(at: path)
        self.historyIndex = HistoryIndex(repositoryPath: path)
    }

    /// Creates a bare repository at `path` whose HEAD is `refs/heads/main`, unborn until the first write.
    /// Fails with `StoreError.wikiExists` when `path` exists and is not an empty directory.
    public static func create(at path: String, identity: Person? = nil) throws -> Wiki {
        let absolute = standardized(path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) {
            let contents = isDirectory.boolValue ? (try? FileManager.default.contentsOfDirectory(atPath: absolute)) : nil
            guard let contents, contents.isEmpty else { throw StoreError.wikiExists(absolute) }
        }
        do { try GitRepository.createBare(at: absolute) } catch { throw StoreError.repository(error) }
        return try open(at: absolute, identity: identity)
    }

    /// Opens the bare repository at `path`; a missing path, a non-git directory or a repository with a
    /// working tree is `StoreError.notAWiki` with the reason.
    public static func open(at path: String, identity: Person? = nil) throws -> Wiki {
        let absolute = standardized(path)
        try GitRepository.validate(at: absolute)
        return Wiki(path: absolute, identity: identity)
    }

    /// Runs `body` with a borrowed repository handle, turning libgit2 failures into `StoreError.repository`.
    func withRepository<R>(_ body: (GitRepository) throws -> R) throws -> R {
        do {
            return try pool.withRepository(body)
        } catch let error as GitError {
            throw StoreError.repository(error)
        }
    }

    /// The absolute, standardised form of `path`, so that one repository has one lock.
    private static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
