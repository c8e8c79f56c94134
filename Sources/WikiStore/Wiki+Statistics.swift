/// Counters for `/metrics`: what the caches saved and how many commits this process wrote.
extension Wiki {
    /// The wiki's caches by name: `file` (files read from commits) and `search` (the index at main's tip).
    public var cacheCounters: [(name: String, counters: CacheCounters)] {
        [("file", fileCache.counters), ("search", searchCounters)]
    }

    /// Bytes held by this wiki's file cache (content of files read from commits; bounded at 32 MiB).
    public var fileCacheBytes: Int { fileCache.byteCount }

    /// Bytes of parsed git objects libgit2 caches in this process (bounded at 32 MiB).
    public static var objectCacheBytes: Int { GitRepository.objectCacheBytes }
}
