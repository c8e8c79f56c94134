import Synchronization

/// The live sessions, in memory, bounded: signed-in sessions and anonymous pre-sessions are kept in
/// separate tables so a flood of anonymous visitors can never push a signed-in user out.
final class SessionStore: Sendable {
    /// How many sessions of each kind are kept, and how long a pre-session lives.
    struct Limits: Sendable {
        /// Signed-in sessions (password or proxy); beyond it the one closest to expiry is dropped.
        var signedIn = 100_000
        /// Pre-sessions of anonymous visitors who loaded the sign-in form.
        var anonymous = 10_000
        /// A pre-session only needs to outlive filling in the sign-in form.
        var anonymousLifetime: Duration = .seconds(3600)
        /// Expired sessions are swept after this many new ones (and whenever a table is full).
        var sweepInterval = 1024
    }

    private struct State {
        var signedIn: [String: Session] = [:]
        var anonymous: [String: Session] = [:]
        var createdSinceSweep = 0
    }

    /// How long a signed-in session lasts from sign-in (absolute, not sliding).
    let lifetime: Duration
    let limits: Limits
    private let state = Mutex(State())

    init(lifetime: Duration, limits: Limits = Limits()) {
        self.lifetime = lifetime
        self.limits = limits
    }

    /// The live session with `id`; an expired one is removed and nil returned.
    func session(id: String) -> Session? {
        guard SecureRandom.isToken(id) else { return nil }
        let now = ContinuousClock.now
        return state.withLock { state in
            if let session = state.signedIn[id] {
                if !session.isExpired(at: now) { return session }
                state.signedIn[id] = nil
            } else if let session = state.anonymous[id] {
                if !session.isExpired(at: now) { return session }
                state.anonymous[id] = nil
            }
            return nil
        }
    }

    /// A new session with a fresh random id and CSRF token; `user` nil makes a pre-session.
    func create(user: User?, authentication: Authentication?) -> Session {
        let now = ContinuousClock.now
        let session = Session(id: SecureRandom.token(), csrfToken: SecureRandom.token(), user: user,
                              authentication: user == nil ? nil : authentication,
                              expires: now + (user == nil ? min(limits.anonymousLifetime, lifetime) : lifetime))
        state.withLock { state in
            state.createdSinceSweep += 1
            let full = user == nil ? state.anonymous.count >= limits.anonymous : state.signedIn.count >= limits.signedIn
            if full || state.createdSinceSweep >= limits.sweepInterval {
                Self.sweep(&state, now: now)
            }
            if user == nil {
                Self.insert(session, into: &state.anonymous, capacity: limits.anonymous)
            } else {
                Self.insert(session, into: &state.signedIn, capacity: limits.signedIn)
            }
        }
        return session
    }

    /// Ends the session `id` (sign-out, or the old id on sign-in against session fixation, OWASP ASVS V3.2.1).
    func end(id: String) {
        state.withLock { state in
            state.signedIn[id] = nil
            state.anonymous[id] = nil
        }
    }

    /// The number of sessions held (live or not yet swept): signed in, anonymous.
    var counts: (signedIn: Int, anonymous: Int) {
        state.withLock { ($0.signedIn.count, $0.anonymous.count) }
    }

    private static func sweep(_ state: inout State, now: ContinuousClock.Instant) {
        state.signedIn = state.signedIn.filter { !$0.value.isExpired(at: now) }
        state.anonymous = state.anonymous.filter { !$0.value.isExpired(at: now) }
        state.createdSinceSweep = 0
    }

    private static func insert(_ session: Session, into table: inout [String: Session], capacity: Int) {
        if table.count >= capacity, let soonest = table.min(by: { $0.value.expires < $1.value.expires }) {
            table[soonest.key] = nil
        }
        table[session.id] = session
    }
}
