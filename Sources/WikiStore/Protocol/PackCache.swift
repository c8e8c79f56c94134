import Foundation
import Synchronization

/// Packs built for clones (no haves, no shallow), kept on disk under `<repo>/opswiki/packs/` and streamed to
/// later clones of the same objects. libgit2's pack builder reuses no deltas, so a clone of a big wiki costs
/// seconds of CPU per build (git-on-libgit2.md §6.1); the cache makes that cost once per tip, not per clone.
/// A cache: deleting the directory only costs a rebuild.
struct PackCache: Sendable {
    /// The directory of `<key>.pack` files.
    let directory: String
    /// How many packs are kept; older ones (of tips main has left) are deleted when a new one is stored.
    let keep = 2

    /// Builds under way, by file path, so that two clones of one tip do not write the same file.
    private static let building = Mutex<Set<String>>([])

    /// The cache of the repository at `repositoryPath`.
    init(repositoryPath: String) {
        directory = repositoryPath + "/opswiki/packs"
    }

    /// The stored pack for `key`, opened for reading, or nil.
    func open(_ key: ObjectID) -> FileHandle? {
        FileHandle(forReadingAtPath: path(key))
    }

    /// A writer for `key`'s pack, or nil when another request is building it right now (the caller then
    /// streams its own build without storing it).
    func beginWriting(_ key: ObjectID) throws -> Writer? {
        let final = path(key)
        guard PackCache.building.withLock({ $0.insert(final).inserted }) else { return nil }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let temporary = directory + "/tmp-\(UUID().uuidString)"
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                  let handle = FileHandle(forWritingAtPath: temporary) else {
                throw StoreError.invalidInput("cannot create \(temporary)")
            }
            return Writer(cache: self, handle: handle, temporary: temporary, final: final)
        } catch {
            _ = PackCache.building.withLock { $0.remove(final) }
            throw error
        }
    }

    /// The file of `key`.
    private func path(_ key: ObjectID) -> String { directory + "/\(key).pack" }

    /// Deletes all but the `keep` newest packs (and temporary files of builds that died with the process).
    fileprivate func prune(except kept: String) {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).map { directory + "/" + $0 }
        let dated = files.compactMap { file -> (String, Date)? in
            guard file != kept, let date = (try? FileManager.default.attributesOfItem(atPath: file))?[.modificationDate] as? Date else { return nil }
            return (file, date)
        }.sorted { $0.1 > $1.1 }
        let building = PackCache.building.withLock { $0 }
        for (index, (file, date)) in dated.enumerated() {
            let isTemporary = file.hasPrefix(directory + "/tmp-")
            // A temporary file younger than an hour may belong to a build of another key still running.
            if isTemporary ? date.timeIntervalSinceNow < -3600 : (index >= keep - 1 && !building.contains(file)) {
                try? FileManager.default.removeItem(atPath: file)
            }
        }
    }

    /// One pack being written: appended to a temporary file, renamed into place only when complete.
    final class Writer {
        private let cache: PackCache
        private let handle: FileHandle
        private let temporary: String
        private let final: String
        private var finished = false

        fileprivate init(cache: PackCache, handle: FileHandle, temporary: String, final: String) {
            self.cache = cache
            self.handle = handle
            self.temporary = temporary
            self.final = final
        }

        /// Appends a piece of the pack.
        func append(_ bytes: UnsafeRawBufferPointer) throws {
            try handle.write(contentsOf: Data(bytes))
        }

        /// Makes the pack visible to later clones (a rename, so readers never see half a pack).
        func commit() throws {
            try handle.synchronize()
            try handle.close()
            finished = true
            defer { _ = PackCache.building.withLock { $0.remove(final) } }
            guard rename(temporary, final) == 0 else { throw StoreError.invalidInput("cannot store the pack \(final)") }
            cache.prune(except: final)
        }

        /// Drops a build that failed or whose client went away.
        deinit {
            guard !finished else { return }
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            _ = PackCache.building.withLock { $0.remove(final) }
        }
    }
}
