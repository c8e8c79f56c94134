/// Runs one request on a worker thread: decode, respond, map errors, apply HTTP semantics, hand the
/// encoded answer to the loop, then stream the body if there is one.
struct RequestHandler {
    let shared: ServerShared

    /// Handles the request parsed from `head` and `body` on connection `id` of the loop behind `inbox`;
    /// `cacheKey` is set when the response cache may keep the answer (the loop found no entry).
    func handle(_ head: RequestHead, body: [UInt8], cacheKey: String?, remoteAddress: String, id: UInt64, inbox: LoopInbox) {
        let started = ContinuousClock.now
        let configuration = shared.configuration
        let cache = shared.responseCache
        // The version before the handler reads anything: kept only if it is still the version afterwards.
        let versionBefore = cacheKey == nil ? nil : cache?.refreshVersion()
        let changesState = head.method != .get && head.method != .head
        var context = RequestContext(logger: configuration.logger)
        var request: Request?
        var response: Response
        do {
            var decoded = try Request(method: head.method, target: head.target, version: head.version,
                                      headers: head.headers, body: body, remoteAddress: remoteAddress)
            request = decoded
            decoded.body = try Self.decodeContent(decoded, limit: configuration.limits.inflatedBody)
            request = decoded
            response = try shared.responder.respond(to: decoded, context: &context)
        } catch {
            response = ErrorResponder.response(for: error, accept: head.headers["Accept"], logger: configuration.logger,
                                               requestID: context.requestID)
        }
        // A HEAD's response still carries the GET's body (RFC 9110 §9.3.2; the encoder drops it), so it is kept too.
        if let cache, let cacheKey, let versionBefore, let request,
           cache.policy.mayShare(response, request: request, context: context), cache.refreshVersion() == versionBefore {
            cache.store(response, for: cacheKey, version: versionBefore)
        }
        if let request, let notModified = Conditional.notModified(response, for: request) { response = notModified }
        let isHead = head.method == .head
        let keepAlive = head.keepAlive && !shared.draining.load(ordering: .relaxed)
        let encoded = ResponseEncoder.encode(response, version: head.version, keepAlive: keepAlive, isHead: isHead)
        var bytes = encoded.bodyCount
        if encoded.streams, case .stream(let write) = response.body {
            let stream = ResponseStream(capacity: configuration.limits.streamBuffer) { inbox.post(.streamReady(id: id)) }
            inbox.post(.response(id: id, .init(encoded: encoded.bytes, stream: stream, chunked: encoded.chunked,
                                               keepAlive: encoded.keepAlive, cacheKey: cacheKey)))
            do {
                try write(BodyWriter(stream: stream))
                // A push moved main: the pusher's next request must not get a page cached before it.
                if changesState { cache?.refreshVersion() }
                stream.finish(failed: false)
            } catch {
                // The head is already sent, so the status cannot change: the connection is aborted instead.
                if !(error is ResponseStream.Cancelled) { configuration.logger.error("stream failed: \(error)") }
                if changesState { cache?.refreshVersion() }
                stream.finish(failed: true)
            }
            bytes = stream.bytesWritten
        } else {
            // A write is visible to the writer's next request: the cache learns the new version first.
            if changesState { cache?.refreshVersion() }
            inbox.post(.response(id: id, .init(encoded: encoded.bytes, stream: nil, chunked: false, keepAlive: encoded.keepAlive,
                                               cacheKey: cacheKey)))
        }
        if configuration.accessLog {
            configuration.logger.access(method: head.method, path: request?.path ?? head.target, status: response.status.code,
                                        bytes: bytes, duration: ContinuousClock.now - started)
        }
    }

    /// The body after `Content-Encoding` (RFC 9110 §8.4): identity or gzip; anything else is a 415.
    static func decodeContent(_ request: Request, limit: Int) throws(HTTPError) -> [UInt8] {
        let codings = request.headers.values("Content-Encoding")
            .flatMap { $0.split(separator: ",").map { $0.trimmingSpaces.lowercased() } }
            .filter { $0 != "identity" }
        switch codings {
        case []: return request.body
        case ["gzip"], ["x-gzip"]: return try Gzip.inflate(request.body, limit: limit)
        default: throw HTTPError(.unsupportedMediaType, "Only gzip request bodies are accepted.")
        }
    }
}
