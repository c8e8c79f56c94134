/// The life of one connection as a state machine: it parses, decides and returns actions; it does no I/O
/// (Hummingbird/NIO style), so every transition is testable without sockets.
struct ConnectionState {
    enum Phase: Equatable {
        /// Waiting for the first byte of a request (keep-alive).
        case idle
        /// Part of a request head has arrived.
        case readingHead
        /// The head is complete; the body is arriving.
        case readingBody
        /// A worker is running the handler.
        case awaitingResponse
        /// The response is being written.
        case writing
        /// Nothing more will happen.
        case closed
    }

    enum Action {
        case none
        /// Run the handler for this request on a worker.
        case dispatch(RequestHead, body: [UInt8])
        /// Write these bytes and keep going (`100 Continue`).
        case send([UInt8])
        /// Write these bytes (an error response with `status`), then close.
        case sendAndClose([UInt8], status: Int)
        /// Close now.
        case close
    }

    private(set) var phase = Phase.idle
    /// When the current phase times out; nil while a handler runs.
    private(set) var deadline: ContinuousClock.Instant?
    private(set) var input = InputBuffer()
    private var parser: RequestParser
    private let timeouts: ServerConfiguration.Timeouts
    private var draining = false
    private var peerClosed = false

    /// A connection accepted at `now`.
    init(limits: ServerConfiguration.Limits, timeouts: ServerConfiguration.Timeouts, now: ContinuousClock.Instant) {
        parser = RequestParser(limits: limits)
        self.timeouts = timeouts
        deadline = now + timeouts.idle
    }

    /// Buffers bytes read from the socket.
    mutating func received(_ bytes: some Collection<UInt8>) {
        input.append(bytes)
    }

    /// Parses what is buffered and says what to do next; call until it returns `.none`.
    mutating func next(now: ContinuousClock.Instant) -> Action {
        switch phase {
        case .idle, .readingHead, .readingBody:
            if phase == .idle && input.readableCount == 0 && (draining || peerClosed) {
                phase = .closed
                return .close
            }
            do {
                guard let event = try parser.parse(&input) else {
                    if peerClosed {
                        phase = .closed
                        return .close
                    }
                    if phase == .idle && (input.readableCount > 0 || !parser.isAtRequestBoundary) {
                        phase = .readingHead
                        deadline = now + timeouts.headerRead
                    }
                    return .none
                }
                switch event {
                case .head(let head):
                    phase = .readingBody
                    deadline = now + timeouts.bodyRead
                    // RFC 9110 §10.1.1: send 100 only when a body is expected; a 413 was already thrown.
                    if head.expectsContinue && head.framing != .none && head.framing != .length(0) {
                        return .send(Self.continueBytes)
                    }
                    return next(now: now)
                case .complete(let head, let body):
                    phase = .awaitingResponse
                    deadline = nil
                    return .dispatch(head, body: body)
                }
            } catch {
                return fail(error)
            }
        case .awaitingResponse, .writing, .closed:
            return .none
        }
    }

    /// The worker's response arrived and is being written; a stalled client times out after `idle`.
    mutating func responseStarted(now: ContinuousClock.Instant) {
        phase = .writing
        deadline = now + timeouts.idle
    }

    /// Some response bytes left; the write-stall clock restarts.
    mutating func writeProgressed(now: ContinuousClock.Instant) {
        if phase == .writing { deadline = now + timeouts.idle }
    }

    /// The socket is full: the client must read within `idle` (the clock keeps running if it was).
    mutating func waitingForClient(now: ContinuousClock.Instant) {
        if phase == .writing && deadline == nil { deadline = now + timeouts.idle }
    }

    /// Everything is written and a streamed body waits for its worker (a clone may be silent for a
    /// while, git-on-libgit2.md §2.1): our own worker is not timed out, so no deadline runs.
    mutating func waitingForBody() {
        if phase == .writing { deadline = nil }
    }

    /// The last response byte is written: close, or wait for (or parse an already buffered) next request.
    mutating func responseFinished(keepAlive: Bool, now: ContinuousClock.Instant) -> Action {
        guard keepAlive && !draining && !(peerClosed && input.readableCount == 0) else {
            phase = .closed
            return .close
        }
        phase = .idle
        deadline = now + timeouts.idle
        return next(now: now)
    }

    /// The peer shut down its sending side: finish what is in flight, then close.
    mutating func peerShutdown(now: ContinuousClock.Instant) -> Action {
        peerClosed = true
        return phase == .awaitingResponse || phase == .writing ? .none : next(now: now)
    }

    /// The deadline passed at `now`.
    mutating func timedOut(now: ContinuousClock.Instant) -> Action {
        guard let deadline, deadline <= now else { return .none }
        switch phase {
        case .idle, .writing, .closed:
            phase = .closed
            return .close
        case .readingHead, .readingBody:
            return fail(HTTPError(.requestTimeout, "The request was not received in time."))
        case .awaitingResponse:
            return .none
        }
    }

    /// The server is shutting down: idle and half-read connections close now, in-flight ones finish.
    mutating func beginDraining() -> Action {
        draining = true
        switch phase {
        case .idle, .readingHead, .readingBody:
            phase = .closed
            return .close
        case .awaitingResponse, .writing, .closed:
            return .none
        }
    }

    /// Whether more input should be read now: always while reading a request, and while a response is
    /// pending only up to a bound (pipelined requests wait in the buffer, not in memory without limit).
    var wantsInput: Bool {
        guard !peerClosed else { return false }
        switch phase {
        case .idle, .readingHead, .readingBody: return true
        case .awaitingResponse, .writing: return input.readableCount < Self.pipelineBufferLimit
        case .closed: return false
        }
    }

    static let pipelineBufferLimit = 64 * 1024

    static let continueBytes = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// A malformed or over-limit request: answer with its status, then close (RFC 9112 §9.6: the
    /// framing can no longer be trusted).
    private mutating func fail(_ error: HTTPError) -> Action {
        phase = .closed
        deadline = nil
        let response = ErrorResponder.response(for: error, accept: nil, logger: .silent)
        let bytes = ResponseEncoder.encode(response, version: .http1_1, keepAlive: false, isHead: false).bytes
        return .sendAndClose(bytes, status: error.status.code)
    }
}
