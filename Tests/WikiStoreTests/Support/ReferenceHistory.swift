import Foundation
@testable import WikiStore

/// The history walk WikiStore used before the history index (every first-parent commit, `git_tree_entry_bypath`
/// on the page's path, rename detection when it appears): the oracle the index must agree with.
enum ReferenceHistory {
    /// The page's entries newest first, as `(commit, change, path, previous path)`.
    static func history(of path: String, in wiki: Wiki) throws -> [Entry] {
        try wiki.withRepository { repo in
            guard let tip = try repo.branchTip() else { return [] }
            var path = path
            var entries: [Entry] = []
            try repo.walkFirstParents(from: tip) { id in
                let parent = try repo.firstParent(of: id)
                let now = try repo.entry(at: path, inCommit: id).flatMap { $0.isFile ? $0 : nil }
                let before = try parent.flatMap { try repo.entry(at: path, inCommit: $0) }.flatMap { $0.isFile ? $0 : nil }
                var found: (ChangeKind, String?)?
                switch (before, now) {
                case (nil, nil): found = nil
                case (let before?, let now?): found = before == now ? nil : (.modified, nil)
                case (_?, nil): found = (.deleted, nil)
                case (nil, _?):
                    let source = try parent.flatMap { parent in
                        try repo.changedFiles(from: parent, to: id).first { $0.change == .renamed && $0.newPath == path }?.oldPath
                    }
                    found = source.map { (.renamed, $0) } ?? (.added, nil)
                }
                if let (change, previous) = found {
                    entries.append(Entry(commit: id.description, change: change, path: path, previousPath: previous))
                    if let previous { path = previous }
                }
                return true
            }
            return entries
        }
    }

    /// One entry of the reference history.
    struct Entry: Equatable, CustomStringConvertible {
        let commit: String, change: ChangeKind, path: String, previousPath: String?
        var description: String { "\(commit.prefix(7)) \(change) \(path)\(previousPath.map { " from \($0)" } ?? "")" }
    }
}

extension HistoryEntry {
    /// The entry in the reference's terms.
    var reference: ReferenceHistory.Entry {
        ReferenceHistory.Entry(commit: commit.id.description, change: change, path: path, previousPath: previousPath)
    }
}

/// A clone with a working tree beside a temporary wiki, for building histories with the real git CLI
/// (branches, merges, renames, deletes) and pushing them into the wiki's bare repository.
struct WorkingClone {
    let wiki: TemporaryWiki
    let directory: String

    /// Clones the wiki (which may be empty) into a fresh directory.
    init(_ wiki: TemporaryWiki) throws {
        self.wiki = wiki
        directory = wiki.root.appendingPathComponent("work-\(UUID().uuidString)").path
        _ = try run(["clone", "-q", wiki.path, directory], inClone: false)
        _ = try run(["checkout", "-q", "-B", "main"])
    }

    /// Runs git in the clone; throws on failure.
    @discardableResult
    func run(_ arguments: [String], inClone: Bool = true) throws -> String {
        let result = try wiki.runGit((inClone ? ["-C", directory] : []) + arguments, inRepository: false)
        guard result.status == 0 else { throw TestFailure("git \(arguments.joined(separator: " ")): \(result.error)") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `git args…` in the clone.
    @discardableResult
    func git(_ arguments: String...) throws -> String { try run(arguments) }

    /// Writes `text` to `path` in the working tree.
    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Sets the executable bit of `path` in the working tree (git records mode 100755).
    func makeExecutable(_ path: String) throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o755],
                                              ofItemAtPath: URL(fileURLWithPath: directory).appendingPathComponent(path).path)
    }

    /// `git mv`, creating the target's folder first.
    func move(_ path: String, to target: String) throws {
        let folder = URL(fileURLWithPath: directory).appendingPathComponent(target).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try git("mv", path, target)
    }

    /// Stages everything and commits with `message`.
    func commit(_ message: String) throws {
        try git("add", "-A")
        try git("commit", "-q", "-m", message)
    }
}
