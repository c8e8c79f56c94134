import Foundation

/// A clone right after a commit, without a full pack build: the cached pack of an older tip plus a small pack
/// of what is newer, sent as one pack (issue 7). gitformat-pack: a pack is `PACK`, version 2, the object
/// count, the objects, and the SHA-1 of all of that. Each part's objects are copied contiguously and libgit2
/// writes only REF_DELTA against objects of the same pack (it never makes thin packs, git-on-libgit2.md §2.4),
/// so every delta base the client needs is in what it receives.
extension UploadPack {
    /// Above this many new objects a full build is as good (and makes a tighter pack).
    static let spliceLimit = 20_000

    /// A cached clone pack that `plan` extends: same tags and other objects, and every cached tip is an
    /// ancestor of (or equal to) one of `plan`'s tips.
    func spliceBase(for plan: PackPlan) throws -> (file: String, contents: PackPlan)? {
        guard let cache, plan.hidden.isEmpty, plan.shallowCommits == nil else { return nil }
        for stored in cache.stored() where Set(stored.contents.tags) == Set(plan.tags) && Set(stored.contents.others) == Set(plan.others) {
            if try stored.contents.historyTips.allSatisfy({ try repository.isReachable($0, fromAny: plan.historyTips) }) {
                return stored
            }
        }
        return nil
    }

    /// Streams the cached pack `base` followed by the objects reachable from `plan`'s tips but not from
    /// `base`'s, as one pack. Returns false, having sent nothing, when the new part is too big to be worth it.
    /// An object the client gets twice (an old blob brought back by a revert) is allowed by git's index-pack.
    func splice(_ plan: PackPlan, onto base: (file: String, contents: PackPlan), progress reporter: SideBandWriter?,
                sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        guard let file = FileHandle(forReadingAtPath: base.file) else { return false }
        defer { try? file.close() }
        let size = try file.seekToEnd()
        try file.seek(toOffset: 0)
        guard size >= 32, let header = try file.read(upToCount: 12), let baseCount = UploadPack.objectCount(header: Array(header)) else {
            return false
        }
        let builder = try GitPackBuilder(repository: repository)
        try builder.insertHistory(from: plan.historyTips, hiding: base.contents.historyTips)
        guard builder.objectCount <= UploadPack.spliceLimit else { return false }
        var newer: [UInt8] = []
        try builder.stream { newer += $0 }
        guard newer.count >= 32, let newerCount = UploadPack.objectCount(header: Array(newer.prefix(12))) else {
            throw StoreError.invalidInput("libgit2 wrote a malformed pack")
        }
        try reporter?.progress("Sending cached pack and \(newerCount) new objects\n")
        var hash = SHA1()
        func send(_ bytes: UnsafeRawBufferPointer) throws {
            hash.update(bytes)
            try sink(bytes)
        }
        try UploadPack.packHeader(count: baseCount + newerCount).withUnsafeBytes { try send($0) }
        var remaining = Int(size) - 32
        try file.seek(toOffset: 12)
        while remaining > 0, let chunk = try file.read(upToCount: min(remaining, SideBandWriter.maximumChunk)), !chunk.isEmpty {
            try chunk.withUnsafeBytes { try send($0) }
            remaining -= chunk.count
        }
        guard remaining == 0 else { throw StoreError.invalidInput("the cached pack \(base.file) shrank while read") }
        try newer[12..<(newer.count - 20)].withUnsafeBytes { try send($0) }
        try hash.finish().withUnsafeBytes { try sink($0) }
        return true
    }

    /// The object count of a pack header (`PACK`, version 2 or 3, count; big-endian), or nil.
    static func objectCount(header: [UInt8]) -> Int? {
        guard header.count == 12, header[0..<4].elementsEqual("PACK".utf8), header[4..<7].allSatisfy({ $0 == 0 }),
              header[7] == 2 || header[7] == 3 else { return nil }
        return header[8..<12].reduce(0) { $0 << 8 | Int($1) }
    }

    /// A version 2 pack header for `count` objects.
    static func packHeader(count: Int) -> [UInt8] {
        Array("PACK".utf8) + [0, 0, 0, 2] + (0..<4).map { UInt8(truncatingIfNeeded: count >> (24 - 8 * $0)) }
    }
}
