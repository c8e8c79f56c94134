import CLinux
import Glibc

extension EventLoop {
    /// Reacts to epoll's report for one connection.
    func handle(_ events: UInt32, on connection: Connection, now: ContinuousClock.Instant) {
        if events & EPOLLIN.rawValue != 0 {
            guard read(connection, now: now) else { return }
        } else if events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 {
            closeConnection(connection)
            return
        }
        if events & EPOLLOUT.rawValue != 0 && connections[connection.id] != nil { flush(connection, now: now) }
    }

    /// Reads once; false when the connection was closed.
    private func read(_ connection: Connection, now: ContinuousClock.Instant) -> Bool {
        let count = readBufferRead(connection.socket.descriptor)
        if connection.lingerDeadline != nil {
            // Lingering: input is discarded; EOF or an error ends it.
            if count <= 0 && !(count < 0 && (errno == EAGAIN || errno == EINTR)) { closeConnection(connection); return false }
            return true
        }
        if count > 0 {
            withReadBuffer(count) { connection.state.received($0) }
            drive(connection, now: now)
        } else if count == 0 {
            perform(connection.state.peerShutdown(now: now), on: connection, now: now)
            if connections[connection.id] != nil { updateInterest(connection) }
        } else if errno != EAGAIN && errno != EINTR {
            closeConnection(connection)
            return false
        }
        return connections[connection.id] != nil
    }

    /// Asks the state machine for actions until it has nothing more to do.
    func drive(_ connection: Connection, now: ContinuousClock.Instant) {
        while connections[connection.id] != nil {
            let action = connection.state.next(now: now)
            if case .none = action { break }
            perform(action, on: connection, now: now)
        }
        if connections[connection.id] != nil { updateInterest(connection) }
    }

    /// Carries out one action of the state machine.
    func perform(_ action: ConnectionState.Action, on connection: Connection, now: ContinuousClock.Instant) {
        switch action {
        case .none:
            return
        case .dispatch(let head, let body):
            switch answerFromCache(head, body: body, on: connection, now: now) {
            case .answered: flush(connection, now: now)
            case .miss(let key): submitOrWait(head, body: body, cacheKey: key, on: connection)
            }
        case .send(let bytes):
            connection.output += bytes
            flush(connection, now: now)
        case .sendAndClose(let bytes, let status):
            // A request rejected before it reached a handler still gets its access-log line.
            let configuration = shared.configuration
            configuration.metrics?.rejected(status: status)
            if configuration.accessLog {
                configuration.logger.access(method: nil, path: connection.remoteAddress, status: status, bytes: bytes.count, duration: .zero)
            }
            connection.output += bytes
            connection.closeAfterOutput = true
            flush(connection, now: now)
        case .close:
            closeConnection(connection)
        }
    }

    /// Writes what it can: pending bytes, then streamed chunks; finishes the response when all is out.
    func flush(_ connection: Connection, now: ContinuousClock.Instant) {
        while connections[connection.id] != nil {
            if connection.hasPendingOutput {
                let written = connection.output.withUnsafeBytes { buffer in
                    send(connection.socket.descriptor, buffer.baseAddress! + connection.outputOffset,
                         buffer.count - connection.outputOffset, Int32(MSG_NOSIGNAL))
                }
                if written > 0 {
                    connection.outputOffset += written
                    connection.state.writeProgressed(now: now)
                    continue
                }
                if written < 0 && errno == EINTR { continue }
                if written < 0 && errno == EAGAIN {
                    connection.state.waitingForClient(now: now)
                    updateInterest(connection)
                    return
                }
                closeConnection(connection)
                return
            }
            connection.output.removeAll(keepingCapacity: true)
            connection.outputOffset = 0
            if connection.closeAfterOutput {
                beginLingering(connection, now: now)
                return
            }
            if let stream = connection.stream {
                let taken = stream.take()
                for chunk in taken.chunks {
                    if connection.streamChunked { ResponseEncoder.appendChunk(chunk, to: &connection.output) }
                    else { connection.output += chunk }
                }
                if taken.failed {
                    // The body is incomplete: closing without the last chunk tells the client so.
                    closeConnection(connection)
                    return
                }
                if taken.finished {
                    if connection.streamChunked { connection.output += ResponseEncoder.lastChunk }
                    connection.stream = nil
                    connection.responseEnds = true
                }
                if connection.hasPendingOutput { continue }
                if connection.stream != nil {
                    connection.state.waitingForBody()
                    updateInterest(connection)
                    return
                }
            }
            if connection.responseEnds {
                connection.responseEnds = false
                let action = connection.state.responseFinished(keepAlive: connection.keepAlive, now: now)
                // A pipelined request answered from the cache is written by this same loop, not by recursion.
                if case .dispatch(let head, let body) = action {
                    switch answerFromCache(head, body: body, on: connection, now: now) {
                    case .answered: continue
                    case .miss(let key): submitOrWait(head, body: body, cacheKey: key, on: connection)
                    }
                } else {
                    perform(action, on: connection, now: now)
                }
                drive(connection, now: now)
                return
            }
            updateInterest(connection)
            return
        }
    }

    /// Shuts down our sending side and discards input for a while, so the client reads the error
    /// response instead of a connection reset.
    private func beginLingering(_ connection: Connection, now: ContinuousClock.Instant) {
        shutdown(connection.socket.descriptor, Int32(SHUT_WR))
        connection.lingerDeadline = now + Self.lingerDuration
        updateInterest(connection)
    }

    /// Registers for exactly the events the connection needs now.
    func updateInterest(_ connection: Connection) {
        var wanted: UInt32 = 0
        if connection.lingerDeadline != nil || connection.state.wantsInput { wanted |= EPOLLIN.rawValue }
        if connection.hasPendingOutput { wanted |= EPOLLOUT.rawValue }
        guard wanted != connection.interest else { return }
        connection.interest = wanted
        do {
            try modify(connection.socket.descriptor, id: connection.id, events: wanted)
        } catch {
            closeConnection(connection)
        }
    }

    /// Forgets the connection; its socket closes when the last reference goes.
    func closeConnection(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.id) != nil else { return }
        _ = epoll_ctl(epoll, EPOLL_CTL_DEL, connection.socket.descriptor, nil)
        connection.stream?.cancel()
        connection.stream = nil
        shared.openConnections.subtract(1, ordering: .relaxed)
    }
}
