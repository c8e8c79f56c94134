import Foundation

/// The stored form of the history index (`<repo>/opswiki/history-v1.idx`), little-endian:
/// magic `OWHIST01`, commit count, path count, event count (u32 each); commit ids (20 bytes each, oldest first:
/// the last one is the tip the file was built from); paths (u32 length + UTF-8); events (u32 commit, u32 path,
/// u32 previous path or 0xFFFFFFFF, u8 kind, 20-byte blob); then an FNV-1a 64 checksum of everything before it.
/// A file that fails any check is not trusted: the caller rebuilds the index.
extension HistoryTable {
    /// Why a stored table was refused.
    struct StorageError: Error, Equatable {
        let reason: String
    }

    static let magic = Array("OWHIST01".utf8)
    /// Limits that keep a damaged header from asking for absurd allocations.
    static let maximumCommits = 50_000_000, maximumPathBytes = 4096
    private static let eventBytes = 13 + ObjectID.byteCount

    /// The table as bytes.
    func encoded() -> [UInt8] {
        var out = Self.magic
        out.reserveCapacity(commitBytes.count + eventCount * Self.eventBytes + paths.count * 32 + 64)
        Self.put(UInt32(commitCount), into: &out)
        Self.put(UInt32(paths.count), into: &out)
        Self.put(UInt32(eventCount), into: &out)
        out += commitBytes
        for path in paths {
            Self.put(UInt32(path.utf8.count), into: &out)
            out += path.utf8
        }
        for index in 0..<eventCount {
            Self.put(eventCommits[index], into: &out)
            Self.put(eventPaths[index], into: &out)
            Self.put(eventPrevious[index], into: &out)
            out.append(eventKinds[index])
            let start = index * ObjectID.byteCount
            out += eventBlobs[start..<start + ObjectID.byteCount]
        }
        let checksum = Self.fnv1a(out[...])
        for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: checksum >> UInt64(shift))) }
        return out
    }

    /// Decodes and validates a stored table: checksum, sizes, every id in range, commits in order.
    init(decoding bytes: [UInt8]) throws(StorageError) {
        self.init()
        guard bytes.count >= Self.magic.count + 12 + 8, bytes.starts(with: Self.magic) else {
            throw StorageError(reason: "not a history index file")
        }
        let body = bytes[..<(bytes.count - 8)]
        let stored = bytes[(bytes.count - 8)...].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard Self.fnv1a(body) == stored else { throw StorageError(reason: "checksum mismatch") }
        var reader = Reader(bytes: body, offset: Self.magic.count)
        let commits = Int(try reader.u32()), pathCount = Int(try reader.u32()), events = Int(try reader.u32())
        guard commits <= Self.maximumCommits, pathCount <= Self.maximumCommits, events <= Self.maximumCommits else {
            throw StorageError(reason: "counts out of range")
        }
        for _ in 0..<commits { appendStoredCommit(try reader.take(ObjectID.byteCount)) }
        for _ in 0..<pathCount {
            let length = Int(try reader.u32())
            guard length > 0, length <= Self.maximumPathBytes,
                  let path = String(validating: try reader.take(length), as: UTF8.self),
                  appendStoredPath(path) else { throw StorageError(reason: "bad path") }
        }
        var lastCommit: UInt32 = 0
        for _ in 0..<events {
            let commit = try reader.u32(), path = try reader.u32(), previous = try reader.u32()
            let kind = try reader.take(1).first ?? 0xFF
            let blob = try reader.take(ObjectID.byteCount)
            guard Int(commit) < commits, commit >= lastCommit, Int(path) < pathCount, Int(kind) < Self.kinds.count,
                  (Self.kinds[Int(kind)] == .renamed) == (previous != Self.noPath),
                  previous == Self.noPath || Int(previous) < pathCount else {
                throw StorageError(reason: "bad event")
            }
            lastCommit = commit
            appendEvent(commit: commit, path: path, previous: previous, kind: kind, blob: blob)
        }
        guard reader.offset == body.endIndex else { throw StorageError(reason: "trailing bytes") }
    }

    /// Reads the table stored at `file`; nil when there is none.
    static func load(from file: String) throws(StorageError) -> HistoryTable? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        return try HistoryTable(decoding: [UInt8](data))
    }

    /// Writes the table to `file` atomically: a temporary file in the same folder, then a rename, so a reader
    /// (in this or another process) sees the old file or the new one, never half of one. No fsync: the file
    /// is derived data, and a torn write after a crash fails the checksum and is rebuilt.
    func store(to file: String) throws {
        let folder = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = file + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        // Plain POSIX writes: Foundation's createFile would add an fsync and a second rename of its own.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw StoreError.invalidInput("cannot create \(temporary)") }
        let bytes = encoded()
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { break }
            written += result
        }
        close(descriptor)
        guard written == bytes.count, rename(temporary, file) == 0 else {
            unlink(temporary)
            throw StoreError.invalidInput("cannot write \(file)")
        }
    }

    private static func put(_ value: UInt32, into out: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// FNV-1a, 64 bits: catches truncation and torn or flipped bytes; not a defence against a forger, who
    /// could as well write a wrong index of their own (the repository directory is trusted).
    private static func fnv1a(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    /// A bounds-checked cursor over the stored bytes.
    private struct Reader {
        let bytes: ArraySlice<UInt8>
        var offset: Int

        mutating func take(_ count: Int) throws(StorageError) -> ArraySlice<UInt8> {
            guard count >= 0, bytes.endIndex - offset >= count else { throw StorageError(reason: "truncated") }
            defer { offset += count }
            return bytes[offset..<offset + count]
        }

        mutating func u32() throws(StorageError) -> UInt32 {
            try take(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
    }
}
