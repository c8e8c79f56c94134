import Foundation
import Synchronization

/// Packs built for clones (no haves, no shallow), kept on disk under `<repo>/opswiki/packs/` and streamed to
/// later clones of the same objects. libgit2's pack builder reuses no deltas, so a clone of a big wiki costs
/// seconds of CPU per build (git-on-libgit2.md §6.1); the cache makes that cost once per tip, not per clone.
/// Next to each `<key>.pack` a `<key>.plan` lists what the pack holds (tips, tags, other objects), so a clone
/// of a newer tip can splice a cached pack with a small one of what is newer (`UploadPack+Splice.swift`).
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
    func beginWriting(_ key: ObjectID, contents: UploadPack.PackPlan) throws -> Writer? {
        let final = path(key)
        guard PackCache.building.withLock({ $0.insert(final).inserted }) else { return nil }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let temporary = directory + "/tmp-\(UUID().uuidString)"
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                  let handle = FileHandle(forWritingAtPath: temporary) else {
                throw StoreError.invalidInput("cannot create \(temporary)")
            }
            return Writer(cache: self, handle: handle, temporary: temporary, final: final, contents: contents)
        } catch {
            _ = PackCache.building.withLock { $0.remove(final) }
            throw error
        }
    }

    /// The file of `key`.
    func path(_ key: ObjectID) -> String { directory + "/\(key).pack" }

    /// The cached packs that have a readable plan, newest first: (pack file, what it holds).
    func stored() -> [(file: String, contents: UploadPack.PackPlan)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let packs = names.filter { $0.hasSuffix(".pack") && !$0.hasPrefix("tmp-") }.compactMap { name -> (String, UploadPack.PackPlan, Date)? in
            let file = directory + "/" + name
            guard let date = (try? FileManager.default.attributesOfItem(atPath: file))?[.modificationDate] as? Date,
                  let text = try? String(contentsOfFile: planPath(file), encoding: .utf8),
                  let contents = PackCache.parsePlan(text) else { return nil }
            return (file, contents, date)
        }
        return packs.sorted { $0.2 > $1.2 }.map { ($0.0, $0.1) }
    }

    /// The plan file beside a pack file.
    private func planPath(_ packFile: String) -> String { String(packFile.dropLast(".pack".count)) + ".plan" }

    /// A plan as text: one `tip|tag|other <hex>` line per object.
    static func planText(_ plan: UploadPack.PackPlan) -> String {
        (plan.historyTips.map { "tip \($0)\n" } + plan.tags.map { "tag \($0)\n" } + plan.others.map { "other \($0)\n" }).joined()
    }

    /// Reads `planText`'s format; nil when anything is malformed or the file is implausibly long.
    static func parsePlan(_ text: String) -> UploadPack.PackPlan? {
        let lines = text.split(separator: "\n")
        guard lines.count <= 100_000 else { return nil }
        var plan = UploadPack.PackPlan()
        for line in lines {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let id = ObjectID(hex: String(parts[1])) else { return nil }
            switch parts[0] {
            case "tip": plan.historyTips.append(id)
            case "tag": plan.tags.append(id)
            case "other": plan.others.append(id)
            default: return nil
            }
        }
        return plan
    }

    /// Deletes all but the `keep` newest packs (and temporary files of builds that died with the process).
    fileprivate func prune(except kept: String) {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { !$0.hasSuffix(".plan") }.map { directory + "/" + $0 }
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
                if !isTemporary { try? FileManager.default.removeItem(atPath: planPath(file)) }
            }
        }
    }

    /// One pack being written: appended to a temporary file, renamed into place only when complete.
    final class Writer {
        private let cache: PackCache
        private let handle: FileHandle
        private let temporary: String
        private let final: String
        private let contents: UploadPack.PackPlan
        private var finished = false

        fileprivate init(cache: PackCache, handle: FileHandle, temporary: String, final: String, contents: UploadPack.PackPlan) {
            self.contents = contents
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
            // The plan goes first: a pack without its plan is still served, it just cannot be spliced onto.
            try Array(PackCache.planText(contents).utf8).withUnsafeBytes { bytes in
                try Data(bytes).write(to: URL(fileURLWithPath: cache.planPath(final)), options: .atomic)
            }
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
