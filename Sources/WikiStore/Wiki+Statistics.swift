/// Counters for `/metrics`: what the caches saved and how many commits this process wrote.
extension Wiki {
    /// The wiki's caches by name: `file` (files read from commits) and `search` (the index at main's tip).
    public var cacheCounters: [(name: String, counters: CacheCounters)] {
        [("file", fileCache.counters), ("search", searchCounters)]
    }
}
