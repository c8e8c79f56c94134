import Foundation

/// The `opswiki` command: picks the subcommand, prints any failure once, returns the exit code
/// (0 success, 64 usage error, 1 any other failure).
enum OpsWiki {
    static let version = "0.1.0"

    /// Runs the command line `arguments` (without the program name).
    static func run(_ arguments: [String]) -> Int32 {
        guard let name = arguments.first else {
            printError(Help.overview)
            return 64
        }
        let rest = Arguments(arguments.dropFirst())
        do {
            switch name {
            case "init": return try InitCommand.run(rest)
            case "serve": return try ServeCommand.run(rest)
            case "user": return try UserCommand.run(rest)
            case "gc": return try GCCommand.run(rest)
            case "render": return RenderCommand.run(Array(arguments.dropFirst()))
            case "--help", "-h", "help":
                print(Help.overview)
                return 0
            case "--version", "version":
                print("opswiki \(version)")
                return 0
            default:
                throw UsageError("unknown command '\(name)'")
            }
        } catch let error as UsageError {
            printError("opswiki: \(error)\n\n\(Help.usage(of: name))")
            return 64
        } catch {
            printError("opswiki: \(describe(error))")
            return 1
        }
    }

    /// Writes `message` and a newline to standard error.
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
