import Foundation
import WikiRender

/// `opswiki render`: Markdown on stdin, HTML on stdout, with cmark-gfm's flags (and the conformance
/// runner's `--batch` JSON protocol).
enum RenderCommand {
    static let usage = """
        usage: opswiki render [--pure] [--unsafe] [-e EXTENSION]... [--extensions=a,b] [--batch]
          Reads Markdown on stdin and writes HTML on stdout (default: the wiki flavour).
          --pure            the bare CommonMark core: no wiki links, heading ids, front matter or GFM
          -e, --extension NAME
                            enable a GFM extension: table, strikethrough, autolink, tagfilter, tasklist
          --extensions=LIST comma-separated extensions (also read from CONFORMANCE_EXTENSIONS)
          --unsafe          pass raw HTML and all URLs through (what the spec examples expect)
          --batch           read a JSON array of {example, markdown, extensions}, write a JSON array of HTML
          --help            show this text
        """

    /// One request of the batch protocol.
    struct BatchItem: Decodable {
        var markdown: String
        var extensions: [String]?
    }

    /// Runs the command with the arguments after `render`; returns the exit status.
    static func run(_ arguments: [String]) -> Int32 {
        var options = MarkdownOptions.wiki
        var pure = false, unsafe = false, batch = false
        var extensions: Set<GFMExtension> = []
        var extensionsGiven = false
        if let listed = ProcessInfo.processInfo.environment["CONFORMANCE_EXTENSIONS"], !listed.isEmpty {
            guard let parsed = parseExtensions(listed) else { return usageError("unknown extension in CONFORMANCE_EXTENSIONS") }
            extensions.formUnion(parsed)
            extensionsGiven = true
        }
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            switch argument {
            case "--help", "-h":
                print(usage)
                return 0
            case "--pure": pure = true
            case "--unsafe": unsafe = true
            case "--batch": batch = true
            case "-e", "--extension":
                guard index < arguments.count, let parsed = parseExtensions(arguments[index]) else {
                    return usageError("\(argument) needs an extension name")
                }
                extensions.formUnion(parsed)
                extensionsGiven = true
                index += 1
            default:
                guard argument.hasPrefix("--extensions=") else { return usageError("unknown argument: \(argument)") }
                guard let parsed = parseExtensions(String(argument.dropFirst("--extensions=".count))) else {
                    return usageError("unknown extension in \(argument)")
                }
                extensions.formUnion(parsed)
                extensionsGiven = true
            }
        }
        if pure { options = MarkdownOptions() }
        if pure || extensionsGiven { options.extensions = extensions }
        options.unsafeHTML = unsafe
        let input = FileHandle.standardInput.readDataToEndOfFile()
        guard batch || input.count <= Markdown.maximumInputSize else {
            FileHandle.standardError.write(Data("opswiki render: input is larger than \(Markdown.maximumInputSize) bytes\n".utf8))
            return 1
        }
        if batch { return runBatch(input, options: options) }
        let html = Markdown.render(Array(input), options: options).html.bytes
        FileHandle.standardOutput.write(Data(html))
        return 0
    }

    private static func runBatch(_ input: Data, options: MarkdownOptions) -> Int32 {
        guard let items = try? JSONDecoder().decode([BatchItem].self, from: input) else {
            FileHandle.standardError.write(Data("opswiki render: --batch input is not a JSON array of items\n".utf8))
            return 1
        }
        var results: [String?] = []
        results.reserveCapacity(items.count)
        for item in items {
            var itemOptions = options
            guard let extensions = parseExtensions((item.extensions ?? []).joined(separator: ",")) else {
                results.append(nil)
                continue
            }
            itemOptions.extensions = extensions
            results.append(Markdown.render(Array(item.markdown.utf8), options: itemOptions).html.string)
        }
        guard let output = try? JSONEncoder().encode(results) else { return 1 }
        FileHandle.standardOutput.write(output)
        return 0
    }

    /// Parses `a,b,c` into extensions; nil when a name is unknown.
    static func parseExtensions(_ list: String) -> Set<GFMExtension>? {
        var result: Set<GFMExtension> = []
        for name in list.split(separator: ",") {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard let value = GFMExtension(rawValue: trimmed) else { return nil }
            result.insert(value)
        }
        return result
    }

    private static func usageError(_ message: String) -> Int32 {
        FileHandle.standardError.write(Data("opswiki render: \(message)\n\(usage)\n".utf8))
        return 64
    }
}
