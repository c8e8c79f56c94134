/// The help texts: the overview and each subcommand's usage.
enum Help {
    static let overview = """
    opswiki \(OpsWiki.version): a Markdown wiki whose every page revision is a git commit.

    Usage:
      opswiki init PATH [--demo]            create a wiki repository (bare git) at PATH
      opswiki serve --repo PATH [options]   serve the wiki over HTTP
      opswiki user add --users FILE NAME --email E --role R
                                            add or update a user (password on stdin)
      opswiki gc --repo PATH                pack objects and refs, write the commit-graph
      opswiki render [options]              render Markdown from stdin to HTML on stdout
      opswiki --help | --version

    Run 'opswiki COMMAND --help' for a command's options.
    """

    /// The usage text of subcommand `name`, or the overview for an unknown one.
    static func usage(of name: String) -> String {
        switch name {
        case "init": return InitCommand.usage
        case "serve": return ServeCommand.usage
        case "user": return UserCommand.usage
        case "gc": return GCCommand.usage
        default: return overview
        }
    }
}
