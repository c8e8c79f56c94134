import WikiStore

extension Metrics {
    /// Every metric in the Prometheus text format 0.0.4, families in a fixed order, series sorted.
    public func exposition() -> String {
        let (routes, caches, commits, cacheBytes, openConnections) = registered()
        var out = PrometheusText()

        out.family("opswiki_http_requests_total", "counter", "Requests answered, by route pattern and status.")
        for series in routes {
            for (code, count) in series.statuses.snapshot() {
                out.sample("opswiki_http_requests_total", ["route": series.route, "status": String(code)], String(count))
            }
        }
        out.family("opswiki_http_request_duration_seconds", "histogram",
                   "Time from the parsed request to the last body byte handed to the connection, by route pattern.")
        for series in routes {
            let (cumulative, sum) = series.latency.snapshot()
            guard let count = cumulative.last, count > 0 else { continue }
            for (index, bound) in LatencyHistogram.bounds.enumerated() {
                out.sample("opswiki_http_request_duration_seconds_bucket",
                           ["route": series.route, "le": PrometheusText.number(bound)], String(cumulative[index]))
            }
            out.sample("opswiki_http_request_duration_seconds_bucket", ["route": series.route, "le": "+Inf"], String(count))
            out.sample("opswiki_http_request_duration_seconds_sum", ["route": series.route], PrometheusText.number(sum))
            out.sample("opswiki_http_request_duration_seconds_count", ["route": series.route], String(count))
        }
        out.family("opswiki_http_rejected_total", "counter",
                   "Requests refused by the server before routing (malformed, too large, too slow, too many connections), by status.")
        for (code, count) in server.rejected.snapshot() {
            out.sample("opswiki_http_rejected_total", ["status": String(code)], String(count))
        }
        out.family("opswiki_commits_total", "counter", "Commits this process put on main, by source (web edit, push, proposal merge).")
        for source in CommitSource.allCases {
            let total = commits.reduce(UInt64(0)) { $0 + $1.count(source) }
            out.sample("opswiki_commits_total", ["source": source.rawValue], String(total))
        }
        out.family("opswiki_cache_hits_total", "counter", "Cache lookups answered from the cache, by cache.")
        for cache in caches { out.sample("opswiki_cache_hits_total", ["cache": cache.name], String(cache.counters.hits)) }
        out.family("opswiki_cache_misses_total", "counter", "Cache lookups that had to compute or read their entry, by cache.")
        for cache in caches { out.sample("opswiki_cache_misses_total", ["cache": cache.name], String(cache.counters.misses)) }
        out.family("opswiki_cache_bytes", "gauge", "Bytes held by a bounded cache: file (files read from commits), snippet (page "
            + "texts for search results), blame (line hashes), response (finished responses), git (all libgit2 holds, mostly parsed objects).")
        var bytes = ["git": Wiki.gitHeapBytes]
        for read in cacheBytes {
            for (name, count) in read() { bytes[name, default: 0] += count }
        }
        for (name, count) in bytes.sorted(by: { $0.key < $1.key }) { out.sample("opswiki_cache_bytes", ["cache": name], String(count)) }
        if let openConnections {
            out.family("opswiki_open_connections", "gauge", "HTTP connections open now.")
            out.sample("opswiki_open_connections", [:], String(openConnections()))
        }
        out.family("opswiki_build_info", "gauge", "The running opswiki version (the value is always 1).")
        out.sample("opswiki_build_info", ["version": version], "1")
        appendProcessMetrics(to: &out)
        return out.text
    }

    /// The standard `process_*` metrics (prometheus.io/docs/instrumenting/writing_clientlibs, process metrics).
    private func appendProcessMetrics(to out: inout PrometheusText) {
        let status = ProcessStatus.current()
        if let resident = status.residentBytes {
            out.family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.")
            out.sample("process_resident_memory_bytes", [:], String(resident))
        }
        out.family("opswiki_heap_bytes", "gauge", "The malloc heap: used (allocated, not freed) and free (freed, kept by malloc "
            + "until trimmed).")
        let heap = MemoryTrimmer.heapUsage
        out.sample("opswiki_heap_bytes", ["state": "free"], String(heap.free))
        out.sample("opswiki_heap_bytes", ["state": "used"], String(heap.used))
        if let descriptors = status.openDescriptors {
            out.family("process_open_fds", "gauge", "Number of open file descriptors.")
            out.sample("process_open_fds", [:], String(descriptors))
        }
        out.family("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch in seconds.")
        out.sample("process_start_time_seconds", [:], PrometheusText.number(startTime.rounded()))
    }
}
