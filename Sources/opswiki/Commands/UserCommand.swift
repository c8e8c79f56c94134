import Foundation
import WikiHTTP

/// `opswiki user add --users FILE NAME --email E --role R [--name "Display Name"]`: adds or updates a
/// user; the password comes from standard input (with a prompt, not echoed, on a terminal).
enum UserCommand {
    static let usage = """
    Usage: opswiki user add --users FILE NAME --email EMAIL --role reader|contributor|editor|maintainer [--name "Display Name"]

    Adds NAME to the users file FILE (created if missing), or updates the user of that name.
    The password is read from standard input: one line, or a prompt when it is a terminal.
    Passwords are stored as bcrypt hashes; the file stays readable by Apache's htpasswd tools.
    """

    /// Runs the command.
    static func run(_ arguments: Arguments) throws -> Int32 {
        var arguments = arguments
        if arguments.flag("help", short: "h") { print(usage); return 0 }
        guard let path = try arguments.option("users") else { throw UsageError("--users FILE is required") }
        guard let email = try arguments.option("email") else { throw UsageError("--email is required") }
        guard let roleName = try arguments.option("role") else { throw UsageError("--role is required") }
        guard let role = Role(rawValue: roleName) else { throw UsageError("--role must be reader, contributor, editor or maintainer") }
        let displayName = try arguments.option("name")
        let positionals = try arguments.finish()
        guard positionals.count == 2, positionals[0] == "add" else { throw UsageError("expected 'user add NAME'") }
        let name = positionals[1]
        guard UsersFile.isValidName(name) else { throw UsageError("invalid user name '\(name)'") }
        guard !email.contains(":"), !(displayName ?? "").contains(":"), !(displayName ?? "").contains("\n") else {
            throw UsageError("email and name may not contain ':' or line breaks")
        }

        var file = FileManager.default.fileExists(atPath: path) ? try UsersFile(contentsOf: path) : try UsersFile(parsing: "")
        let password = try readPassword()
        guard let hash = PasswordHash.make(password) else { throw CommandFailure("could not hash the password") }
        let existed = file.user(named: name) != nil
        file.upsert(User(name: name, displayName: displayName ?? file.user(named: name)?.displayName,
                         email: email, role: role, passwordHash: hash))
        try writeAtomically(file.text, to: path)
        print("\(existed ? "Updated" : "Added") \(name) (\(role.rawValue)) in \(path)")
        return 0
    }

    private static func readPassword() throws -> String {
        let password: String?
        if isatty(STDIN_FILENO) == 1 {
            password = getpass("Password: ").map { String(cString: $0) }
        } else {
            password = readLine(strippingNewline: true)
        }
        guard let password, !password.isEmpty else { throw CommandFailure("no password given on standard input") }
        return password
    }

    /// Writes a temporary file beside `path` (mode 0600) and renames it over `path`: all or nothing.
    private static func writeAtomically(_ text: String, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure("cannot write \(temporary)")
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CommandFailure("cannot replace \(path): \(String(cString: strerror(errno)))")
        }
    }
}

/// A failure of a command that is not a usage error: printed as one line, exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
