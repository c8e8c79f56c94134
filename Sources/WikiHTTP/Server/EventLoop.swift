import CLinux
import Glibc

/// One epoll thread: accepts, reads, parses and writes, never blocking and never running a handler.
/// Not Sendable: it lives and dies on its own thread; workers reach it only through `inbox`.
final class EventLoop {
    private static let listenerID: UInt64 = 0, inboxID: UInt64 = 1
    /// How often deadlines are checked: timeouts are enforced to within this granularity.
    private static let tick = Duration.milliseconds(100)
    /// How long an error response's connection discards input before closing.
    static let lingerDuration = Duration.seconds(2)

    let epoll: Int32
    let listener: Socket
    let inbox: LoopInbox
    let shared: ServerShared
    private let handler: RequestHandler
    var connections: [UInt64: Connection] = [:]
    private var nextID: UInt64 = 2
    private var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)
    private var draining = false
    private var drainDeadline = ContinuousClock.now
    private var listenerPausedUntil: ContinuousClock.Instant?
    private var nextSweep = ContinuousClock.now
    /// Requests whose cache key a worker is answering right now, by key: they wait for that answer (and
    /// most likely the entry it leaves) instead of all rendering the same page (a thundering herd).
    var waitingForKey: [String: [(id: UInt64, head: RequestHead)]] = [:]
    /// The `Date` value of cached answers and the second it was formatted for.
    var date: (second: time_t, bytes: [UInt8]) = (-1, [])

    init(listener: Socket, inbox: LoopInbox, shared: ServerShared) throws {
        epoll = try systemCall("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        self.listener = listener
        self.inbox = inbox
        self.shared = shared
        handler = RequestHandler(shared: shared)
        // EPOLLEXCLUSIVE: one loop wakes per new connection instead of all of them (epoll_ctl(2)).
        try register(listener.descriptor, id: Self.listenerID, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue)
        try register(inbox.eventDescriptor, id: Self.inboxID, events: EPOLLIN.rawValue)
    }

    deinit { close(epoll) }

    /// Runs until `shutdown` has drained every connection (or the drain timeout passed).
    func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        while true {
            let timeout: Int32 = connections.isEmpty && !draining && listenerPausedUntil == nil ? -1 : Self.milliseconds(Self.tick)
            let count = events.withUnsafeMutableBufferPointer { epoll_wait(epoll, $0.baseAddress, Int32($0.count), timeout) }
            if count < 0 && errno != EINTR { preconditionFailure("epoll_wait: \(errno)") }
            let now = ContinuousClock.now
            for index in 0..<max(0, Int(count)) {
                let event = events[index]
                switch event.data.u64 {
                case Self.listenerID: acceptConnections(now: now)
                case Self.inboxID: handleInbox(now: now)
                case let id: if let connection = connections[id] { handle(event.events, on: connection, now: now) }
                }
            }
            if now >= nextSweep {
                sweep(now: now)
                nextSweep = now + Self.tick
            }
            if draining && (connections.isEmpty || now >= drainDeadline) { break }
        }
        for connection in Array(connections.values) { closeConnection(connection) }
        inbox.close()
    }

    private func handleInbox(now: ContinuousClock.Instant) {
        for message in inbox.drain() {
            switch message {
            case .response(let id, let outgoing):
                if let key = outgoing.cacheKey { releaseWaiters(for: key, now: now) }
                guard let connection = connections[id] else {
                    outgoing.stream?.cancel()
                    continue
                }
                connection.state.responseStarted(now: now)
                // Usually nothing is pending, so the encoded bytes are taken over rather than copied.
                if connection.output.isEmpty { connection.output = outgoing.encoded } else { connection.output += outgoing.encoded }
                connection.stream = outgoing.stream
                connection.streamChunked = outgoing.chunked
                connection.keepAlive = outgoing.keepAlive
                connection.responseEnds = outgoing.stream == nil
                flush(connection, now: now)
            case .streamReady(let id):
                if let connection = connections[id], connection.stream != nil { flush(connection, now: now) }
            case .shutdown:
                beginDraining(now: now)
            }
        }
    }

    private func acceptConnections(now: ContinuousClock.Instant) {
        let configuration = shared.configuration
        while !draining && listenerPausedUntil == nil {
            let accepted: (socket: Socket, address: String)?
            do {
                accepted = try listener.accept()
            } catch {
                // EMFILE/ENFILE: the listener stays readable, so stop polling it briefly instead of spinning.
                configuration.logger.error("accept failed: \(error)")
                listenerPausedUntil = now + .milliseconds(100)
                try? modify(listener.descriptor, id: Self.listenerID, events: 0)
                return
            }
            guard let (socket, address) = accepted else { return }
            let open = shared.openConnections.add(1, ordering: .relaxed).newValue
            let id = nextID
            nextID += 1
            let connection = Connection(id: id, socket: socket, remoteAddress: address,
                                        state: ConnectionState(limits: configuration.limits, timeouts: configuration.timeouts, now: now),
                                        interest: EPOLLIN.rawValue)
            connections[id] = connection
            do {
                try register(socket.descriptor, id: id, events: EPOLLIN.rawValue)
            } catch {
                closeConnection(connection)
                continue
            }
            if open > configuration.maxConnections {
                configuration.metrics?.rejected(status: Status.serviceUnavailable.code)
                let response = ErrorResponder.response(for: HTTPError(.serviceUnavailable, "Too many connections."), accept: nil,
                                                       logger: .silent)
                var busy = response
                busy.headers.add("Retry-After", "1")
                connection.output = ResponseEncoder.encode(busy, version: .http1_1, keepAlive: false, isHead: false).bytes
                connection.closeAfterOutput = true
                _ = connection.state.beginDraining()
                flush(connection, now: now)
            }
        }
    }

    private func sweep(now: ContinuousClock.Instant) {
        if let until = listenerPausedUntil, now >= until, !draining {
            listenerPausedUntil = nil
            try? modify(listener.descriptor, id: Self.listenerID, events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue)
        }
        for connection in Array(connections.values) {
            if let linger = connection.lingerDeadline {
                if now >= linger { closeConnection(connection) }
                continue
            }
            perform(connection.state.timedOut(now: now), on: connection, now: now)
        }
    }

    private func beginDraining(now: ContinuousClock.Instant) {
        guard !draining else { return }
        draining = true
        drainDeadline = now + shared.configuration.timeouts.shutdownDrain
        _ = epoll_ctl(epoll, EPOLL_CTL_DEL, listener.descriptor, nil)
        for connection in Array(connections.values) where connection.lingerDeadline == nil {
            perform(connection.state.beginDraining(), on: connection, now: now)
        }
    }

    // MARK: epoll registration

    func register(_ descriptor: Int32, id: UInt64, events: UInt32) throws(SystemError) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = id
        try systemCall("epoll_ctl(ADD)") { epoll_ctl(epoll, EPOLL_CTL_ADD, descriptor, &event) }
    }

    func modify(_ descriptor: Int32, id: UInt64, events: UInt32) throws(SystemError) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = id
        try systemCall("epoll_ctl(MOD)") { epoll_ctl(epoll, EPOLL_CTL_MOD, descriptor, &event) }
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        Int32(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    /// Hands a complete request to its worker pool; `cacheKey` lets the worker keep the answer.
    func submit(_ head: RequestHead, body: [UInt8], cacheKey: String?, on connection: Connection) {
        let handler = self.handler, inbox = self.inbox
        let id = connection.id, address = connection.remoteAddress
        shared.pool(for: head.target).submit {
            handler.handle(head, body: body, cacheKey: cacheKey, remoteAddress: address, id: id, inbox: inbox)
        }
    }


    /// read(2) into the loop's buffer.
    func readBufferRead(_ descriptor: Int32) -> Int {
        readBuffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
    }

    /// Passes the first `count` bytes of the loop's buffer to `body`.
    func withReadBuffer(_ count: Int, _ body: (ArraySlice<UInt8>) -> Void) {
        body(readBuffer[0..<count])
    }
}
