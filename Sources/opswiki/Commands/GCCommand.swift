import WikiStore

/// `opswiki gc --repo PATH`: packs objects and refs and writes the commit-graph (safe while serving).
enum GCCommand {
    static let usage = """
    Usage: opswiki gc --repo PATH

    Packs loose objects and old packs into one pack, packs loose refs, writes the commit-graph,
    and refreshes the cached clone pack. Safe to run while 'opswiki serve' is serving the wiki.
    """

    /// Runs the command.
    static func run(_ arguments: Arguments) throws -> Int32 {
        var arguments = arguments
        if arguments.flag("help", short: "h") { print(usage); return 0 }
        guard let repo = try arguments.option("repo") else { throw UsageError("--repo PATH is required") }
        guard try arguments.finish().isEmpty else { throw UsageError("gc takes no positional arguments") }
        let wiki = try Wiki.open(at: repo)
        let report = try wiki.maintenance()
        // Also bring the stored history and search indexes up to date, so the next `serve` starts from them.
        try wiki.warmIndexes()
        print("gc: packed \(report.packedObjects) objects, removed \(report.removedLooseObjects) loose objects and \(report.removedPacks) old packs, commit-graph of \(report.graphCommits) commits")
        return 0
    }
}
