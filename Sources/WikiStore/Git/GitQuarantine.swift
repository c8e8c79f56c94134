internal import CGit2
import Foundation

/// A pushed pack indexed into a private directory and inspected through a read-only view (the pack plus
/// the repository's objects) before anything reaches the repository (git-on-libgit2.md §3.2, "Quarantine").
/// Dropping it without `publish` deletes the directory: a refused or broken push leaves nothing behind.
final class GitQuarantine {
    /// The private directory under `<repo>/opswiki/incoming/`.
    let directory: String
    /// The repository's `objects` directory.
    private let objectsDirectory: String
    /// `pack-<hex>` once a pack with objects was indexed; nil for an empty or absent pack.
    private(set) var packName: String?
    /// The view's object database and repository wrapper, freed in `deinit`.
    private var viewODB: OpaquePointer?
    private var viewRepository: OpaquePointer?

    /// The byte size of a pack's header: `PACK`, version, object count (gitformat-pack).
    static let headerSize = 12

    /// Makes an empty quarantine for the repository at `repositoryPath`.
    init(repositoryPath: String) throws {
        directory = repositoryPath + "/opswiki/incoming/" + UUID().uuidString
        objectsDirectory = repositoryPath + "/objects"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit {
        git_repository_free(viewRepository)
        git_odb_free(viewODB)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Indexes `pack` with full verification: every object a pack object references must be in the pack or
    /// the repository, else indexing fails (indexer `verify`). A thin pack's bases are filled in from the
    /// repository. A 0-object pack is checked and skipped (libgit2 would write an empty pack, §3.4).
    /// (git_indexer_new, git_indexer_append, git_indexer_commit)
    func index(_ pack: ArraySlice<UInt8>, repository: GitRepository) throws {
        guard pack.count >= GitQuarantine.headerSize, pack.prefix(4).elementsEqual("PACK".utf8) else {
            throw StoreError.invalidInput(pack.isEmpty ? "the pack is missing" : "the data is not a pack")
        }
        let count = pack.dropFirst(8).prefix(4).reduce(0) { $0 << 8 | Int($1) }
        if count == 0 {
            // Header and 20-byte trailer only; nothing to index.
            guard pack.count == GitQuarantine.headerSize + ObjectID.byteCount else { throw StoreError.invalidInput("a malformed empty pack") }
            return
        }
        var options = git_indexer_options()
        try check(git_indexer_options_init(&options, UInt32(GIT_INDEXER_OPTIONS_VERSION)), "git_indexer_options_init")
        options.verify = 1
        try repository.withODB { odb in
            var indexer: OpaquePointer?
            try check(git_indexer_new(&indexer, directory, 0, odb, &options), "git_indexer_new")
            defer { git_indexer_free(indexer) }
            var stats = git_indexer_progress()
            var offset = pack.startIndex
            while offset < pack.endIndex {
                let end = min(offset + (1 << 20), pack.endIndex)
                let result = pack[offset..<end].withUnsafeBytes { git_indexer_append(indexer, $0.baseAddress, $0.count, &stats) }
                try check(result, "git_indexer_append")
                offset = end
            }
            try check(git_indexer_commit(indexer, &stats), "git_indexer_commit")
            guard let name = git_indexer_name(indexer) else { throw StoreError.invalidInput("the indexed pack has no name") }
            packName = "pack-" + String(cString: name)
        }
    }

    /// Opens the view: the quarantined pack (if any) in front of the repository's own objects.
    /// (git_odb_new, git_odb_backend_one_pack, git_odb_add_disk_alternate, git_repository_wrap_odb)
    func openView() throws {
        guard viewRepository == nil else { return }
        try check(git_odb_new(&viewODB), "git_odb_new")
        if let packName {
            var backend: UnsafeMutablePointer<git_odb_backend>?
            try check(git_odb_backend_one_pack(&backend, "\(directory)/\(packName).idx"), "git_odb_backend_one_pack")
            let result = git_odb_add_backend(viewODB, backend, 2)
            if result < 0 { backend?.pointee.free?(backend) }
            try check(result, "git_odb_add_backend")
        }
        try check(git_odb_add_disk_alternate(viewODB, objectsDirectory), "git_odb_add_disk_alternate")
        try check(git_repository_wrap_odb(&viewRepository, viewODB), "git_repository_wrap_odb")
    }

    /// The kind of an object in the view, nil when neither the pack nor the repository has it.
    func objectType(_ id: ObjectID) throws -> GitObjectKind? {
        try openView()
        guard let viewODB else { preconditionFailure("the view has no odb") }
        return try GitRepository.objectType(id, in: viewODB)
    }

    /// True when `descendant` is `ancestor` or has it in its history, seen through the view.
    func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) throws -> Bool {
        if ancestor == descendant { return true }
        try openView()
        guard let viewRepository else { preconditionFailure("the view has no repository") }
        return try GitRepository.isAncestor(ancestor, of: descendant, repository: viewRepository)
    }

    /// Moves the pack into `objects/pack`, `.pack` before `.idx` (readers find packs by their index), and makes
    /// `repository` see it at once. (git_odb_refresh)
    func publish(into repository: GitRepository) throws {
        guard let packName else { return }
        for suffix in [".pack", ".idx"] {
            let from = "\(directory)/\(packName)\(suffix)", to = "\(objectsDirectory)/pack/\(packName)\(suffix)"
            guard rename(from, to) == 0 else { throw StoreError.invalidInput("cannot move \(from) into the repository") }
        }
        // Not synced here: the ref move that makes the pack reachable syncs the filesystem first (the pack, its
        // index and these renames), so an acknowledged push survives a power cut (Durability, issue 9).
        self.packName = nil
        try repository.withODB { odb in try check(git_odb_refresh(odb), "git_odb_refresh") }
    }
}
