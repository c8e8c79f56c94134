/// Someone taking part in a proposal: how they sign in (to recognise the proposer later) and how they are shown.
public struct Participant: Codable, Hashable, Sendable {
    /// The sign-in name; empty when unknown (a push without an identity, or an author taken from a commit).
    public var login: String
    /// The display name.
    public var name: String
    /// The email address.
    public var email: String

    /// Makes a participant.
    public init(login: String, name: String, email: String) {
        self.login = login
        self.name = name
        self.email = email
    }

    /// The participant as a commit signature dated now.
    var person: Person { Person(name: name.isEmpty ? "unknown" : name, email: email) }
}
