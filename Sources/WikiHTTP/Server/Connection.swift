/// One accepted connection, owned by its event loop's thread: the socket, the state machine, and the
/// bytes waiting to be written.
final class Connection {
    let id: UInt64
    let socket: Socket
    let remoteAddress: String
    var state: ConnectionState
    /// Bytes to write; `outputOffset` of them are already written.
    var output: [UInt8] = []
    var outputOffset = 0
    /// The streamed body being sent, if any.
    var stream: ResponseStream?
    var streamChunked = false
    /// Whether writing the current output completes a response (rather than a `100 Continue`).
    var responseEnds = false
    /// Whether the connection stays open after the current response.
    var keepAlive = false
    /// Whether to close once `output` is written (an error response).
    var closeAfterOutput = false
    /// After an error response: our side is shut down and input is discarded until EOF or this instant,
    /// so the client reads our answer instead of a reset (nginx's lingering close).
    var lingerDeadline: ContinuousClock.Instant?
    /// The epoll events currently registered.
    var interest: UInt32

    init(id: UInt64, socket: Socket, remoteAddress: String, state: ConnectionState, interest: UInt32) {
        self.id = id
        self.socket = socket
        self.remoteAddress = remoteAddress
        self.state = state
        self.interest = interest
    }

    /// Whether unwritten bytes are waiting.
    var hasPendingOutput: Bool { outputOffset < output.count }
}
