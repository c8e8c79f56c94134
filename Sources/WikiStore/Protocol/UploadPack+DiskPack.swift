import Foundation

/// A clone served from the repository's own pack: when the repository is exactly one pack with a reachability
/// bitmap (git writes one only for a pack closed under reachability: `git gc`/`git repack -ad` of a bare
/// repository) and every object the clone asks for is in it (none of them loose: objects exist either loose
/// or in that one pack), the pack holds everything the clone needs and already is a valid answer (possibly
/// with objects the client did not ask for, e.g. of `refs/proposals/*`, which it may fetch anyway). git's packs have
/// much better deltas than libgit2's (no delta reuse, REF_DELTA only: 14 MB against 29 MB on the bench
/// wiki), so this is both cheaper and smaller than a build. git's packs use OFS_DELTA: only clients that
/// asked for `ofs-delta` get cached packs (`PackPlan.offsetDeltas`).
extension UploadPack {
    /// The path of the repository's only pack file when it has a bitmap, holds all of `plan`'s objects and
    /// there are no alternates; else nil.
    func soleRepositoryPack(covering plan: PackPlan) throws -> String? {
        let objects = repository.directory + "/objects"
        guard !FileManager.default.fileExists(atPath: objects + "/info/alternates") else { return nil }
        let files = try repository.objectFiles()
        guard files.packs.count == 1, let name = files.packs.first else { return nil }
        let loose = Set(files.loose.map(\.0))
        guard !(plan.historyTips + plan.tags + plan.others).contains(where: loose.contains) else { return nil }
        let pack = "\(objects)/pack/\(name).pack"
        guard FileManager.default.fileExists(atPath: "\(objects)/pack/\(name).bitmap") else { return nil }
        return FileManager.default.fileExists(atPath: pack) ? pack : nil
    }

    /// Streams a whole pack file as it is; false, having sent nothing, when it is not a pack or cannot be read.
    func streamPackFile(_ path: String, progress reporter: SideBandWriter?, sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        guard let file = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? file.close() }
        guard let header = try file.read(upToCount: 12), let count = UploadPack.objectCount(header: Array(header)) else { return false }
        try reporter?.progress("Sending the repository's pack (\(count) objects)\n")
        try header.withUnsafeBytes { try sink($0) }
        while let chunk = try file.read(upToCount: SideBandWriter.maximumChunk), !chunk.isEmpty {
            try chunk.withUnsafeBytes { try sink($0) }
        }
        return true
    }
}
