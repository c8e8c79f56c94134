import Foundation

/// A commit author or committer: name, email and the time of the signature.
public struct Person: Hashable, Sendable {
    /// The display name, e.g. "Ada Lovelace".
    public var name: String
    /// The email address, without angle brackets.
    public var email: String
    /// When the person signed; written to git as UTC seconds.
    public var date: Date

    /// Makes a person; `date` defaults to now.
    public init(name: String, email: String, date: Date = Date()) {
        self.name = name
        self.email = email
        self.date = date
    }

    /// The daemon's default committer identity.
    public static let daemon = Person(name: "opswiki", email: "opswiki@localhost", date: Date(timeIntervalSince1970: 0))
}
