/// A language the highlighter tokenizes, named by the first word of a fenced code block's info string.
public enum CodeLanguage: String, CaseIterable, Sendable {
    case shell, console, yaml, json, sql, python, go, hcl, toml, dockerfile

    /// The names (lowercase) each language answers to, as GitHub's linguist spells them.
    private static let aliases: [[UInt8]: CodeLanguage] = {
        let names: [(String, CodeLanguage)] = [
            ("sh", .shell), ("bash", .shell), ("shell", .shell), ("zsh", .shell), ("ksh", .shell),
            ("console", .console), ("shell-session", .console), ("shellsession", .console),
            ("yaml", .yaml), ("yml", .yaml), ("json", .json), ("jsonc", .json), ("geojson", .json),
            ("sql", .sql), ("psql", .sql), ("postgresql", .sql), ("postgres", .sql), ("pgsql", .sql),
            ("mysql", .sql), ("sqlite", .sql), ("python", .python), ("py", .python), ("python3", .python),
            ("go", .go), ("golang", .go), ("hcl", .hcl), ("terraform", .hcl), ("tf", .hcl), ("nomad", .hcl),
            ("toml", .toml), ("dockerfile", .dockerfile), ("docker", .dockerfile), ("containerfile", .dockerfile),
        ]
        return Dictionary(uniqueKeysWithValues: names.map { (Array($0.0.utf8), $0.1) })
    }()

    /// The language `name` (an info string's first word, any case) names, or nil for one not highlighted.
    public init?(name: some Collection<UInt8>) {
        guard name.count <= 16, let language = Self.aliases[name.map(Scanner.lower)] else { return nil }
        self = language
    }
}
