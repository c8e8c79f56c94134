import Foundation
import WikiStore

/// `opswiki init PATH [--demo]`: creates the bare wiki repository, optionally with the demo wiki.
enum InitCommand {
    static let usage = """
    Usage: opswiki init PATH [--demo]

    Creates a new wiki: a bare git repository whose branch is main.
      --demo    fill it with a small operations wiki (runbooks, a post-mortem, templates)
                written as a few commits by different authors
    """

    /// Runs the command.
    static func run(_ arguments: Arguments) throws -> Int32 {
        var arguments = arguments
        if arguments.flag("help", short: "h") { print(usage); return 0 }
        let demo = arguments.flag("demo")
        let positionals = try arguments.finish()
        guard positionals.count == 1, let path = positionals.first else {
            throw UsageError("init takes exactly one PATH")
        }
        let wiki = try Wiki.create(at: path)
        if demo { try DemoWiki.populate(wiki) }
        print("Created \(demo ? "demo " : "")wiki at \(path)")
        return 0
    }
}
