/// A cursor over a subcommand's arguments: `--flag`, `--option value`, `--option=value`, `--`, positionals.
struct Arguments {
    private var remaining: [String]

    /// Wraps the arguments that follow the subcommand's name.
    init(_ arguments: some Sequence<String>) { remaining = Array(arguments) }

    /// Arguments before `--`, where options may appear.
    private var optionEnd: Int { remaining.firstIndex(of: "--") ?? remaining.endIndex }

    /// Removes `--name` (or `-short`) and reports whether it was present.
    mutating func flag(_ name: String, short: String? = nil) -> Bool {
        let spellings = ["--\(name)"] + (short.map { ["-\($0)"] } ?? [])
        guard let index = remaining[..<optionEnd].firstIndex(where: spellings.contains) else { return false }
        remaining.remove(at: index)
        return true
    }

    /// Removes `--name value` or `--name=value` (`-name value` when `short`) and returns the value.
    mutating func option(_ name: String, short: Bool = false) throws(UsageError) -> String? {
        let spelling = short ? "-\(name)" : "--\(name)"
        let end = optionEnd
        for index in remaining.indices where index < end {
            let argument = remaining[index]
            if argument == spelling {
                guard index + 1 < end else { throw UsageError("\(spelling) needs a value") }
                let value = remaining[index + 1]
                remaining.removeSubrange(index...(index + 1))
                return value
            }
            if argument.hasPrefix(spelling + "=") {
                remaining.remove(at: index)
                return String(argument.dropFirst(spelling.count + 1))
            }
        }
        return nil
    }

    /// Every occurrence of the option, in order.
    mutating func options(_ name: String, short: Bool = false) throws(UsageError) -> [String] {
        var values: [String] = []
        while let value = try option(name, short: short) { values.append(value) }
        return values
    }

    /// The positional arguments left once every option was taken; an unknown option is a usage error.
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
