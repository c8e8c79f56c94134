import Foundation
@testable import WikiStore

/// A working clone of a temporary wiki, for commits made by the real git with chosen authors.
extension TemporaryWiki {
    /// The clone `name` below the root, made on first use and reset to main's current tip.
    func workClone(_ name: String = "work") throws -> String {
        let directory = root.appendingPathComponent(name).path
        if !FileManager.default.fileExists(atPath: directory) {
            try gitOutside(["clone", "-q", path, directory])
        }
        try gitOutside(["-C", directory, "fetch", "-q", "origin"])
        try gitOutside(["-C", directory, "reset", "-q", "--hard", "origin/main"])
        return directory
    }

    /// Commits `text` as `file` in `clone` by `author` (name, email) and sends the commit to the wiki's repository
    /// under `refs/incoming/<file>`, so it exists there without being on main. Returns its id.
    @discardableResult
    func commit(in clone: String, file: String, text: String, author: (String, String), message: String) throws -> ObjectID {
        let target = URL(fileURLWithPath: clone).appendingPathComponent(file)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
        try gitOutside(["-C", clone, "add", file])
        try gitOutside(["-C", clone, "commit", "-q", "-m", message],
                       environment: ["GIT_AUTHOR_NAME": author.0, "GIT_AUTHOR_EMAIL": author.1])
        let head = try gitOutside(["-C", clone, "rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        try gitOutside(["-C", clone, "push", "-q", "-f", "origin", "HEAD:refs/incoming/\(file)"])
        guard let id = ObjectID(hex: head) else { throw TestFailure("rev-parse printed \(head)") }
        return id
    }

    /// Runs git outside the repository (clone, commands with -C); throws on failure.
    @discardableResult
    func gitOutside(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let result = try runGit(arguments, environment: environment, inRepository: false)
        guard result.status == 0 else { throw TestFailure("git \(arguments.joined(separator: " ")): \(result.error)") }
        return result.output
    }
}
