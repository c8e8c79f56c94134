import Foundation

/// The users file: Apache htpasswd lines (`name:hash`, as `htpasswd -B` or `-5`/`-2` write them)
/// with optional extra fields `:role:email:display name`, which Apache ignores.
public struct UsersFile: Sendable {
    /// Why a users file could not be read; carries the line number.
    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public let path: String
        public let line: Int
        public let message: String
        public var description: String { "\(path):\(line): \(message)" }
    }

    /// The users, in file order.
    public private(set) var users: [User]
    /// The role of a line that names none.
    public static let defaultRole = Role.editor

    /// Parses the text of a users file; `path` is only used in error messages.
    public init(parsing text: String, path: String = "users") throws {
        users = []
        var seen = Set<String>()
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let number = offset + 1
            func fail(_ message: String) -> ParseError { ParseError(path: path, line: number, message: message) }
            let fields = line.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw fail("expected name:hash[:role[:email[:display name]]]")
            }
            let name = fields[0]
            guard UsersFile.isValidName(name) else { throw fail("invalid user name '\(name)'") }
            guard seen.insert(name).inserted else { throw fail("user '\(name)' appears twice") }
            guard PasswordHash.isSupported(fields[1]) else {
                throw fail("unsupported hash for '\(name)': use bcrypt (htpasswd -B) or sha-crypt (htpasswd -5/-2)")
            }
            var role = UsersFile.defaultRole
            if fields.count > 2, !fields[2].isEmpty {
                guard let parsed = Role(rawValue: fields[2]) else {
                    throw fail("unknown role '\(fields[2])' (reader, contributor, editor or maintainer)")
                }
                role = parsed
            }
            let email = fields.count > 3 && !fields[3].isEmpty ? fields[3] : "\(name)@localhost"
            let display = fields.count > 4 && !fields[4].isEmpty ? fields[4] : name
            users.append(User(name: name, displayName: display, email: email, role: role, passwordHash: fields[1]))
        }
    }

    /// Reads and parses the file at `path`.
    public init(contentsOf path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try self.init(parsing: String(decoding: data, as: UTF8.self), path: path)
    }

    /// The user called `name`, if any.
    public func user(named name: String) -> User? { users.first { $0.name == name } }

    /// Adds `user`, or replaces the user of the same name.
    public mutating func upsert(_ user: User) {
        if let index = users.firstIndex(where: { $0.name == user.name }) { users[index] = user } else { users.append(user) }
    }

    /// The file's text, one line per user.
    public var text: String {
        users.map { "\($0.name):\($0.passwordHash):\($0.role.rawValue):\($0.email):\($0.displayName)\n" }.joined()
    }

    /// Sign-in names: printable, no `:` or whitespace, at most 64 bytes.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && name.unicodeScalars.allSatisfy {
            $0.value > 0x20 && $0.value != 0x7F && $0 != ":" && !$0.properties.isWhitespace
        }
    }
}
