/// A person who can sign in: the name they sign in with, how their commits are authored, their role.
public struct User: Hashable, Sendable {
    /// The sign-in name (no `:`, no spaces or control characters).
    public var name: String
    /// The name written into commits; the sign-in name when none is given.
    public var displayName: String
    /// The email written into commits.
    public var email: String
    /// What the user may do.
    public var role: Role
    /// The crypt(3) hash of the password.
    public var passwordHash: String

    /// Creates a user.
    public init(name: String, displayName: String? = nil, email: String, role: Role, passwordHash: String) {
        self.name = name
        self.displayName = displayName ?? name
        self.email = email
        self.role = role
        self.passwordHash = passwordHash
    }
}
