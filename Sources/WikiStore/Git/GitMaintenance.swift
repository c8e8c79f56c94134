internal import CGit2
import Foundation

/// libgit2 has no gc (git-on-libgit2.md §5.3): these are its parts. Each is safe while other handles read:
/// objects are deleted only once the new pack holds them, and readers that miss rescan the packs.
extension GitRepository {
    /// The repository directory (the bare repository's git dir), without a trailing slash. (git_repository_path)
    var directory: String {
        guard let path = git_repository_path(handle) else { preconditionFailure("a repository without a path") }
        var text = String(cString: path)
        if text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// Paths of the loose object files and names (`pack-<hex>`) of the packs, as they are now.
    func objectFiles() throws -> (loose: [(ObjectID, String)], packs: [String]) {
        let objects = directory + "/objects"
        var loose: [(ObjectID, String)] = []
        for folder in try FileManager.default.contentsOfDirectory(atPath: objects) where folder.utf8.count == 2 {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: "\(objects)/\(folder)") else { continue }
            for name in names {
                if let id = ObjectID(hex: folder + name) { loose.append((id, "\(objects)/\(folder)/\(name)")) }
            }
        }
        let packs = try FileManager.default.contentsOfDirectory(atPath: objects + "/pack")
            .filter { $0.hasPrefix("pack-") && $0.hasSuffix(".idx") }.map { String($0.dropLast(4)) }
        return (loose, packs.sorted())
    }

    /// Writes one pack of everything reachable from `refs` into `objects/pack` and returns its name and size.
    /// The pack is on disk when this returns (`Durability`), so deleting the objects it replaces is safe.
    func packReachable(from refs: [AdvertisedRef]) throws -> (name: String, objects: Int) {
        let builder = try GitPackBuilder(repository: self)
        var tips: [ObjectID] = []
        for ref in refs {
            let target = ref.peeled ?? ref.id
            if ref.peeled != nil { try builder.insert(ref.id) }
            if try objectType(target) == .commit { tips.append(target) } else { try builder.insertRecursively(ref.id) }
        }
        if !tips.isEmpty { try builder.insertHistory(from: tips, hiding: []) }
        let name = try builder.writeToRepository()
        try Durability.syncObjects(in: directory)
        return (name, builder.objectCount)
    }

    /// Deletes loose objects and other packs whose every object is in the pack `keep`, and loose objects outside
    /// it older than two weeks; returns how many of each.
    /// A pack with a `.keep` file is left alone. (git_odb_backend_one_pack, git_odb_foreach)
    func removeObjects(containedIn keep: String) throws -> (loose: Int, packs: Int) {
        let packDirectory = directory + "/objects/pack"
        let kept = try GitPackView(index: "\(packDirectory)/\(keep).idx")
        let (loose, packs) = try objectFiles()
        var removedLoose = 0, removedPacks = 0
        // git gc's default prune expiry: an object outside the new pack is unreachable, unless a writer made it
        // moments ago; libgit2 refreshes the mtime of an object it writes again, so two weeks is a safe margin.
        let expiry = Date(timeIntervalSinceNow: -14 * 24 * 3600)
        for (id, path) in loose {
            let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            guard try kept.contains(id) || (modified.map { $0 < expiry } ?? false) else { continue }
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removedLoose += 1 }
            // An emptied fan-out folder goes too (rmdir refuses a folder that is not empty).
            rmdir(String(path.prefix(upTo: path.lastIndex(of: "/") ?? path.endIndex)))
        }
        for pack in packs where pack != keep && !FileManager.default.fileExists(atPath: "\(packDirectory)/\(pack).keep") {
            guard try GitPackView(index: "\(packDirectory)/\(pack).idx").allObjects(satisfy: { try kept.contains($0) }) else { continue }
            // The index goes first: without it, no reader starts using the pack.
            for suffix in [".idx", ".pack", ".rev"] { try? FileManager.default.removeItem(atPath: "\(packDirectory)/\(pack)\(suffix)") }
            removedPacks += 1
        }
        return (removedLoose, removedPacks)
    }

    /// Moves loose refs into `packed-refs` (proposal refs can be many), durably: packed-refs is fsynced before
    /// any loose ref is deleted. (git_repository_refdb, git_refdb_compress)
    func packReferences() throws {
        var refdb: OpaquePointer?
        try check(git_repository_refdb(&refdb, handle), "git_repository_refdb")
        defer { git_refdb_free(refdb) }
        // libgit2 writes packed-refs, then deletes the loose refs: packed-refs must be on disk first.
        try withLibraryFsync { try check(git_refdb_compress(refdb), "git_refdb_compress") }
    }

    /// Writes `objects/info/commit-graph` for every commit reachable from `tips`; libgit2's revwalks and
    /// ancestry checks read it automatically. (git_commit_graph_writer_new, _add_revwalk, _commit)
    func writeCommitGraph(tips: [ObjectID]) throws {
        let info = directory + "/objects/info"
        try FileManager.default.createDirectory(atPath: info, withIntermediateDirectories: true)
        var writer: OpaquePointer?
        try check(git_commit_graph_writer_new(&writer, info), "git_commit_graph_writer_new")
        defer { git_commit_graph_writer_free(writer) }
        try withRevwalk(from: tips, hiding: []) { walk in
            try check(git_commit_graph_writer_add_revwalk(writer, walk), "git_commit_graph_writer_add_revwalk")
        }
        var options = git_commit_graph_writer_options()
        try check(git_commit_graph_writer_options_init(&options, UInt32(GIT_COMMIT_GRAPH_WRITER_OPTIONS_VERSION)),
                  "git_commit_graph_writer_options_init")
        try check(git_commit_graph_writer_commit(writer, &options), "git_commit_graph_writer_commit")
    }
}

/// One pack file opened on its own, to ask what it contains. (git_odb_new, git_odb_backend_one_pack)
final class GitPackView {
    /// The owned object database holding only this pack.
    private let odb: OpaquePointer

    /// Opens the pack whose index is at `index`.
    init(index: String) throws {
        var out: OpaquePointer?
        try check(git_odb_new(&out), "git_odb_new")
        guard let out else { preconditionFailure("git_odb_new returned no odb") }
        odb = out
        var backend: UnsafeMutablePointer<git_odb_backend>?
        try check(git_odb_backend_one_pack(&backend, index), "git_odb_backend_one_pack")
        let result = git_odb_add_backend(odb, backend, 1)
        if result < 0 { backend?.pointee.free?(backend) }
        try check(result, "git_odb_add_backend")
    }

    deinit { git_odb_free(odb) }

    /// True when the pack holds `id`. (git_odb_exists)
    func contains(_ id: ObjectID) throws -> Bool {
        var raw = id.raw
        return git_odb_exists(odb, &raw) == 1
    }

    /// True when `test` holds for every object of the pack; stops at the first that fails. (git_odb_foreach)
    func allObjects(satisfy test: (ObjectID) throws -> Bool) throws -> Bool {
        try withoutActuallyEscaping(test) { test in
            var context = ForeachContext(test: test)
            let result = withUnsafeMutablePointer(to: &context) { pointer in
                git_odb_foreach(odb, { id, payload in
                    guard let id, let payload else { return GIT_EUSER.rawValue }
                    let context = payload.assumingMemoryBound(to: ForeachContext.self)
                    do {
                        if try context.pointee.test(ObjectID(id.pointee)) { return 0 }
                        context.pointee.failed = true
                    } catch {
                        context.pointee.error = error
                    }
                    return GIT_EUSER.rawValue
                }, pointer)
            }
            if let error = context.error { throw error }
            if context.failed { return false }
            try check(result, "git_odb_foreach")
            return true
        }
    }

    /// The foreach callback's context: the test, whether it failed, and the error it threw.
    private struct ForeachContext {
        let test: (ObjectID) throws -> Bool
        var failed = false
        var error: (any Error)?
    }
}
