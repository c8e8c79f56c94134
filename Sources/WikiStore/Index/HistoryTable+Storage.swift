/// The stored form of the history index (`<repo>/opswiki/history-v1.idx`), little-endian:
/// magic `OWHIST01`, commit count, path count, event count (u32 each); commit ids (20 bytes each, oldest first:
/// the last one is the tip the file was built from); paths (u32 length + UTF-8); events (u32 commit, u32 path,
/// u32 previous path or 0xFFFFFFFF, u8 kind, 20-byte blob); then an FNV-1a 64 checksum of everything before it.
/// A file that fails any check is not trusted: the caller rebuilds the index.
extension HistoryTable {
    static let magic = Array("OWHIST01".utf8)
    /// Limits that keep a damaged header from asking for absurd allocations.
    static let maximumCommits = 50_000_000, maximumPathBytes = 4096
    private static let eventBytes = 13 + ObjectID.byteCount

    /// The table as bytes.
    func encoded() -> [UInt8] {
        var out = Self.magic
        out.reserveCapacity(commitBytes.count + eventCount * Self.eventBytes + paths.count * 32 + 64)
        BinaryReader.put(UInt32(commitCount), into: &out)
        BinaryReader.put(UInt32(paths.count), into: &out)
        BinaryReader.put(UInt32(eventCount), into: &out)
        out += commitBytes
        for path in paths {
            BinaryReader.put(UInt32(path.utf8.count), into: &out)
            out += path.utf8
        }
        for index in 0..<eventCount {
            BinaryReader.put(eventCommits[index], into: &out)
            BinaryReader.put(eventPaths[index], into: &out)
            BinaryReader.put(eventPrevious[index], into: &out)
            out.append(eventKinds[index])
            let start = index * ObjectID.byteCount
            out += eventBlobs[start..<start + ObjectID.byteCount]
        }
        BinaryReader.appendChecksum(to: &out)
        return out
    }

    /// Decodes and validates a stored table: checksum, sizes, every id in range, commits in order.
    init(decoding bytes: [UInt8]) throws(IndexFileError) {
        self.init()
        let body = try BinaryReader.verifiedBody(bytes, magic: Self.magic)
        var reader = BinaryReader(bytes: body, offset: Self.magic.count)
        let commits = Int(try reader.u32()), pathCount = Int(try reader.u32()), events = Int(try reader.u32())
        guard commits <= Self.maximumCommits, pathCount <= Self.maximumCommits, events <= Self.maximumCommits else {
            throw IndexFileError(reason: "counts out of range")
        }
        for _ in 0..<commits { appendStoredCommit(try reader.take(ObjectID.byteCount)) }
        for _ in 0..<pathCount {
            let length = Int(try reader.u32())
            guard length > 0, length <= Self.maximumPathBytes,
                  let path = String(validating: try reader.take(length), as: UTF8.self),
                  appendStoredPath(path) else { throw IndexFileError(reason: "bad path") }
        }
        var lastCommit: UInt32 = 0
        for _ in 0..<events {
            let commit = try reader.u32(), path = try reader.u32(), previous = try reader.u32()
            let kind = try reader.take(1).first ?? 0xFF
            let blob = try reader.take(ObjectID.byteCount)
            guard Int(commit) < commits, commit >= lastCommit, Int(path) < pathCount, Int(kind) < Self.kinds.count,
                  (Self.kinds[Int(kind)] == .renamed) == (previous != Self.noPath),
                  previous == Self.noPath || Int(previous) < pathCount else {
                throw IndexFileError(reason: "bad event")
            }
            lastCommit = commit
            appendEvent(commit: commit, path: path, previous: previous, kind: kind, blob: blob)
        }
        guard reader.offset == body.endIndex else { throw IndexFileError(reason: "trailing bytes") }
    }

    /// Reads the table stored at `file`; nil when there is none.
    static func load(from file: String) throws(IndexFileError) -> HistoryTable? {
        guard let bytes = IndexFile.read(file) else { return nil }
        return try HistoryTable(decoding: bytes)
    }

    /// Writes the table to `file` atomically (`IndexFile.write`).
    func store(to file: String) throws {
        try IndexFile.write(encoded(), to: file)
    }
}
