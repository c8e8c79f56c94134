import Testing
@testable import WikiStore

/// The file cache's bound and its sharing of one blob's bytes between commits (issue 9, `make soak`).
@Suite struct FileCacheTests {
    /// A 20-byte id whose bytes are all `byte`.
    private func id(_ byte: UInt8) throws -> ObjectID {
        try #require(ObjectID(bytes: Array(repeating: byte, count: ObjectID.byteCount)))
    }

    @Test("The same blob read at many commits is held once")
    func sharesBlobs() throws {
        let cache = FileCache(byteLimit: 1 << 20)
        let blob = try id(0xAB), bytes = Array(repeating: UInt8(ascii: "x"), count: 1000)
        for commit in 1...50 {
            let key = FileCache.Key(commit: try id(UInt8(commit)), path: "Home.md")
            _ = cache.file(key) { FileCache.Entry(blobID: blob, bytes: bytes) }
        }
        #expect(cache.entryCount == 50)
        // 1,000 bytes once, not 50 times, plus each entry's bookkeeping.
        #expect(cache.byteCount == 1000 + 50 * (FileCache.entryOverhead + "Home.md".utf8.count))
        let hit = cache.file(FileCache.Key(commit: try id(7), path: "Home.md")) { nil }
        #expect(hit?.bytes == bytes)
        #expect(hit?.blobID == blob)
    }

    @Test("Past the limit the oldest entries go, and a blob's bytes go with its last entry")
    func staysBounded() throws {
        let limit = 20_000
        let cache = FileCache(byteLimit: limit)
        for commit in 0..<200 {
            let key = FileCache.Key(commit: try id(UInt8(commit)), path: "page.md")
            _ = cache.file(key) { FileCache.Entry(blobID: key.commit, bytes: Array(repeating: 1, count: 1500)) }
            #expect(cache.byteCount <= limit)
        }
        let perEntry = 1500 + FileCache.entryOverhead + "page.md".utf8.count
        #expect(cache.entryCount == limit / perEntry)
        #expect(cache.byteCount == cache.entryCount * perEntry)
        var reread = 0
        _ = cache.file(FileCache.Key(commit: try id(0), path: "page.md")) {
            reread += 1
            return nil
        }
        #expect(reread == 1)
        var kept = 0
        _ = cache.file(FileCache.Key(commit: try id(199), path: "page.md")) {
            kept += 1
            return nil
        }
        #expect(kept == 0)
    }
}
