/// A cursor over a subcommand's arguments: `--flag`, `--option value`, `--option=value`, `--`, positionals.
struct Arguments {
    private var remaining: [String]
    private var positionals: [String] = []

    /// Wraps the arguments that follow the subcommand's name.
    init(_ arguments: some Sequence<String>) { remaining = Array(arguments) }

    /// Removes `--name` (or `-short`) and reports whether it was present.
    mutating func flag(_ name: String, short: String? = nil) -> Bool {
        guard let index = remaining.firstIndex(where: { $0 == "--\(name)" || (short != nil && $0 == "-\(short!)") }),
              index < (remaining.firstIndex(of: "--") ?? remaining.endIndex) else { return false }
        remaining.remove(at: index)
        return true
    }

    /// Removes `--name value` or `--name=value` and returns the value; a missing value is a usage error.
    mutating func option(_ name: String) throws(UsageError) -> String? {
        let end = remaining.firstIndex(of: "--") ?? remaining.endIndex
        for index in remaining.indices where index < end {
            let argument = remaining[index]
            if argument == "--\(name)" {
                guard index + 1 < end, !remaining[index + 1].hasPrefix("--") else {
                    throw UsageError("--\(name) needs a value")
                }
                let value = remaining[index + 1]
                remaining.removeSubrange(index...(index + 1))
                return value
            }
            if argument.hasPrefix("--\(name)=") {
                remaining.remove(at: index)
                return String(argument.dropFirst(name.count + 3))
            }
        }
        return nil
    }

    /// Every occurrence of `--name value` / `--name=value`, in order.
    mutating func options(_ name: String) throws(UsageError) -> [String] {
        var values: [String] = []
        while let value = try option(name) { values.append(value) }
        return values
    }

    /// The positional arguments left once every option was taken; an unknown `--option` is a usage error.
    mutating func finish() throws(UsageError) -> [String] {
        var result: [String] = []
        var afterSeparator = false
        for argument in remaining {
            if afterSeparator { result.append(argument); continue }
            if argument == "--" { afterSeparator = true; continue }
            if argument.hasPrefix("-") && argument != "-" { throw UsageError("unknown option \(argument)") }
            result.append(argument)
        }
        remaining = []
        return result
    }
}

/// A mistake in how the command was called: printed with the usage text, exit code 64.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
