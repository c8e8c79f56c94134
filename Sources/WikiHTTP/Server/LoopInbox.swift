import CLinux
import Glibc
import Synchronization

/// Messages from workers (and `shutdown()`) to one event loop, with an eventfd to wake its epoll_wait.
final class LoopInbox: Sendable {
    enum Message: Sendable {
        /// A handler's response for connection `id`.
        case response(id: UInt64, Outgoing)
        /// A streamed body has chunks (or its end) queued for connection `id`.
        case streamReady(id: UInt64)
        /// Stop accepting and drain.
        case shutdown
    }

    /// A response encoded by the worker, plus its streamed body if any.
    struct Outgoing: Sendable {
        var encoded: [UInt8]
        var stream: ResponseStream?
        var chunked: Bool
        var keepAlive: Bool
        /// The response-cache key the request was run under: requests waiting for the same key go next.
        var cacheKey: String? = nil
    }

    /// The eventfd the loop polls (eventfd(2), non-blocking).
    let eventDescriptor: Int32
    private let messages = Mutex<(queue: [Message], closed: Bool)>(([], false))

    init() throws {
        eventDescriptor = try systemCall("eventfd") { eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC)) }
    }

    deinit { Glibc.close(eventDescriptor) }

    /// Queues a message; only the first message after a drain writes the eventfd (the loop drains all).
    /// After `close()`, a response's stream is cancelled at once, so its worker never blocks on it.
    func post(_ message: Message) {
        let wasEmpty: Bool? = messages.withLock { state in
            guard !state.closed else { return nil }
            state.queue.append(message)
            return state.queue.count == 1
        }
        guard let wasEmpty else {
            if case .response(_, let outgoing) = message { outgoing.stream?.cancel() }
            return
        }
        guard wasEmpty else { return }
        var one: UInt64 = 1
        _ = write(eventDescriptor, &one, 8)
    }

    /// Resets the eventfd, then takes every queued message (in that order, so none is missed).
    func drain() -> [Message] {
        var counter: UInt64 = 0
        _ = read(eventDescriptor, &counter, 8)
        return messages.withLock { state in
            defer { state.queue.removeAll(keepingCapacity: true) }
            return state.queue
        }
    }

    /// The loop has stopped: later responses are dropped and queued streams cancelled.
    func close() {
        let left = messages.withLock { state in
            state.closed = true
            defer { state.queue.removeAll() }
            return state.queue
        }
        for case .response(_, let outgoing) in left { outgoing.stream?.cancel() }
    }
}
