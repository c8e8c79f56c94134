/// Counters for `/metrics`: what the caches saved and how many commits this process wrote.
extension Wiki {
    /// The wiki's caches by name: `file` (files read from commits) and `search` (the index at main's tip).
    public var cacheCounters: [(name: String, counters: CacheCounters)] {
        [("file", fileCache.counters), ("search", searchCounters)]
    }

    /// Bytes held by this wiki's bounded caches, by name: `file` (files read from commits, 16 MiB at most),
    /// `snippet` (page texts for search results, 4 MiB) and `blame` (line hashes of page versions, 8 MiB).
    public var cacheBytes: [(name: String, bytes: Int)] {
        [("file", fileCache.byteCount), ("snippet", snippetTexts.byteCount), ("blame", lineHashes.byteCount)]
    }

    /// The heap bytes libgit2 holds in this process: mostly its cache of parsed objects (bounded at 4 MiB of
    /// raw object bytes, about three times that parsed), plus pack indexes and open handles.
    public static var gitHeapBytes: Int { GitRepository.heapBytes }
}
