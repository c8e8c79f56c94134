import Glibc
import Synchronization

extension EventLoop {
    /// What the response cache did with a request.
    enum CacheLookup {
        /// The answer is in the connection's output; flush it.
        case answered
        /// Run the handler; `key` is set when its answer may be kept.
        case miss(key: String?)
    }

    /// Answers `head` from the response cache when an entry is current (the connection then holds the
    /// whole answer, as if a worker had sent it), else says how to dispatch it.
    func answerFromCache(_ head: RequestHead, body: [UInt8], on connection: Connection, now: ContinuousClock.Instant) -> CacheLookup {
        guard let cache = shared.responseCache, body.isEmpty,
              let key = cache.policy.cacheKey(method: head.method, target: head.target, headers: head.headers) else {
            return .miss(key: nil)
        }
        let refresher = shared.cacheRefresher
        let lookup = cache.lookup(key, now: now) { refresher?.submit { cache.refreshVersion() } }
        guard case .hit(let entry) = lookup else {
            cache.counters.miss()
            return .miss(key: key)
        }
        let isHead = head.method == .head
        let keepAlive = head.keepAlive && !shared.draining.load(ordering: .relaxed)
        let bytes: [UInt8]
        let status: Int
        let conditions = head.headers.values("If-None-Match")
        if !conditions.isEmpty, let etag = entry.headers["ETag"], Conditional.matches(etag, conditions) {
            let notModified = Conditional.notModified(repeating: entry.headers)
            bytes = ResponseEncoder.encode(notModified, version: head.version, keepAlive: keepAlive, isHead: isHead).bytes
            status = notModified.status.code
        } else {
            bytes = ResponseEncoder.encodeCached(prefix: entry.prefix, body: entry.body, date: currentDate(),
                                                 version: head.version, keepAlive: keepAlive, isHead: isHead)
            status = 200
        }
        cache.counters.hit()
        connection.state.responseStarted(now: now)
        if connection.output.isEmpty { connection.output = bytes } else { connection.output += bytes }
        connection.stream = nil
        connection.streamChunked = false
        connection.keepAlive = keepAlive
        connection.responseEnds = true
        let configuration = shared.configuration
        if configuration.accessLog {
            configuration.logger.access(method: head.method, path: head.target, status: status,
                                        bytes: isHead || status != 200 ? 0 : entry.body.count, duration: ContinuousClock.now - now)
        }
        return .answered
    }

    /// Submits the request to a worker, unless a worker is already answering the same cache key for this
    /// loop: then the request waits for that answer (`releaseWaiters`).
    func submitOrWait(_ head: RequestHead, body: [UInt8], cacheKey: String?, on connection: Connection) {
        guard let cacheKey else { return submit(head, body: body, cacheKey: nil, on: connection) }
        if waitingForKey[cacheKey] != nil {
            waitingForKey[cacheKey, default: []].append((connection.id, head))
            return
        }
        waitingForKey[cacheKey] = []
        submit(head, body: body, cacheKey: cacheKey, on: connection)
    }

    /// The worker's answer for `key` has arrived (and was kept if it could be): the requests that waited
    /// for it are answered from the cache; if it was not kept (an error, a large file), waiting longer would
    /// not help, so they all go to workers.
    func releaseWaiters(for key: String, now: ContinuousClock.Instant) {
        guard let waiting = waitingForKey.removeValue(forKey: key) else { return }
        for (id, head) in waiting {
            guard let connection = connections[id] else { continue }
            switch answerFromCache(head, body: [], on: connection, now: now) {
            case .answered: flush(connection, now: now)
            case .miss(let newKey): submit(head, body: [], cacheKey: newKey, on: connection)
            }
        }
    }

    /// The IMF-fixdate of this second, formatted once per second per loop.
    private func currentDate() -> [UInt8] {
        let second = time(nil)
        if second != date.second { date = (second, Array(ResponseEncoder.httpDate(second).utf8)) }
        return date.bytes
    }
}
