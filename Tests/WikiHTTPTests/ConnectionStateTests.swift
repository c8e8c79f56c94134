import Testing
@testable import WikiHTTP

/// Drives a state machine with bytes and returns the actions' kinds, without sockets.
private func actions(_ state: inout ConnectionState, _ text: String, now: ContinuousClock.Instant) -> [String] {
    state.received(Array(text.utf8))
    var kinds: [String] = []
    while true {
        switch state.next(now: now) {
        case .none: return kinds
        case .dispatch(let head, let body): kinds.append("dispatch \(head.target) \(body.count)")
        case .send(let bytes): kinds.append("send \(String(decoding: bytes, as: UTF8.self).prefix(12))")
        case .sendAndClose(let bytes, _): kinds.append("sendAndClose \(String(decoding: bytes, as: UTF8.self).prefix(12))")
        case .close: kinds.append("close")
        }
    }
}

@Suite("ConnectionState: transitions as returned actions")
struct ConnectionStateTests {
    let now = ContinuousClock.now

    @Test func oneRequestAtATimeEvenWhenPipelined() {
        var state = ConnectionState(limits: .init(), timeouts: .init(), now: now)
        #expect(actions(&state, get("/a") + get("/b"), now: now) == ["dispatch /a 0"])
        #expect(state.phase == .awaitingResponse)
        state.responseStarted(now: now)
        guard case .dispatch(let head, _) = state.responseFinished(keepAlive: true, now: now) else {
            Issue.record("the buffered request was not dispatched"); return
        }
        #expect(head.target == "/b")
    }

    @Test func continueIsSentBeforeTheBody() {
        var state = ConnectionState(limits: .init(), timeouts: .init(), now: now)
        let head = "POST /p HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
        #expect(actions(&state, head, now: now) == ["send HTTP/1.1 100"])
        #expect(actions(&state, "ok", now: now) == ["dispatch /p 2"])
    }

    @Test func timeoutsDependOnThePhase() {
        var timeouts = ServerConfiguration.Timeouts()
        timeouts.headerRead = .seconds(1)
        timeouts.idle = .seconds(5)
        var idle = ConnectionState(limits: .init(), timeouts: timeouts, now: now)
        guard case .none = idle.timedOut(now: now + .seconds(2)) else { Issue.record("idle closed too early"); return }
        guard case .close = idle.timedOut(now: now + .seconds(6)) else { Issue.record("idle not closed"); return }
        var reading = ConnectionState(limits: .init(), timeouts: timeouts, now: now)
        #expect(actions(&reading, "GET / HT", now: now).isEmpty)
        guard case .sendAndClose(let bytes, 408) = reading.timedOut(now: now + .seconds(2)) else { Issue.record("no 408"); return }
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
    }

    @Test func slowStreamProducerIsNotTimedOutButASlowReaderIs() {
        var timeouts = ServerConfiguration.Timeouts()
        timeouts.idle = .seconds(5)
        var state = ConnectionState(limits: .init(), timeouts: timeouts, now: now)
        #expect(actions(&state, get("/clone"), now: now) == ["dispatch /clone 0"])
        state.responseStarted(now: now)
        state.waitingForBody()
        guard case .none = state.timedOut(now: now + .seconds(60)) else { Issue.record("silent worker timed out"); return }
        state.waitingForClient(now: now + .seconds(60))
        guard case .close = state.timedOut(now: now + .seconds(66)) else { Issue.record("stalled reader kept"); return }
    }

    @Test func drainingClosesIdleButNotInFlight() {
        var idle = ConnectionState(limits: .init(), timeouts: .init(), now: now)
        guard case .close = idle.beginDraining() else { Issue.record("idle connection kept"); return }
        var busy = ConnectionState(limits: .init(), timeouts: .init(), now: now)
        #expect(actions(&busy, get("/a"), now: now) == ["dispatch /a 0"])
        guard case .none = busy.beginDraining() else { Issue.record("in-flight connection closed"); return }
        guard case .close = busy.responseFinished(keepAlive: true, now: now) else { Issue.record("kept alive while draining"); return }
    }

    @Test func malformedInputAnswers400AndCloses() {
        var state = ConnectionState(limits: .init(), timeouts: .init(), now: now)
        #expect(actions(&state, "GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n", now: now) == ["sendAndClose HTTP/1.1 400"])
        #expect(state.phase == .closed)
    }
}
