import Foundation
import Testing

/// Runs the real `opswiki render` binary (built next to the test bundle by `swift build`).
@Suite("opswiki render")
struct RenderCommandTests {
    struct Output { var status: Int32; var stdout: String; var stderr: String }

    func run(_ arguments: [String], input: String, environment: [String: String] = [:]) throws -> Output {
        let binary = try #require(Self.binary(), "build the opswiki product first: swift build --product opswiki")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["render"] + arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "CONFORMANCE_EXTENSIONS")
        env.merge(environment) { $1 }
        process.environment = env
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }

    static func binary() -> URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("opswiki")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    @Test("--pure renders the bare core; GFM syntax stays text")
    func pure() throws {
        let output = try run(["--pure", "--unsafe"], input: "~~x~~ <b>y</b>\n")
        #expect(output.status == 0)
        #expect(output.stdout == "<p>~~x~~ <b>y</b></p>\n")
    }

    @Test("-e and --extensions enable GFM extensions")
    func extensionFlags() throws {
        #expect(try run(["--pure", "-e", "strikethrough"], input: "~~x~~").stdout == "<p><del>x</del></p>\n")
        #expect(try run(["--pure", "--extensions=strikethrough,autolink"], input: "~~x~~").stdout == "<p><del>x</del></p>\n")
        #expect(try run(["--pure"], input: "~~x~~", environment: ["CONFORMANCE_EXTENSIONS": "strikethrough"]).stdout == "<p><del>x</del></p>\n")
    }

    @Test("The default is the wiki flavour: wiki links on")
    func wikiDefault() throws {
        #expect(try run([], input: "[[Home]]").stdout == "<p><a class=\"wiki-link missing\">Home</a></p>\n")
    }

    @Test("--batch renders each item with its own extensions, in order")
    func batch() throws {
        let request = """
            [{"example": 1, "markdown": "~~a~~\\n", "extensions": ["strikethrough"]},
             {"example": 2, "markdown": "~~a~~\\n", "extensions": []},
             {"example": 3, "markdown": "| h |\\n| - |\\n", "extensions": ["table"]}]
            """
        let output = try run(["--pure", "--unsafe", "--batch"], input: request)
        #expect(output.status == 0)
        let results = try JSONDecoder().decode([String?].self, from: Data(output.stdout.utf8))
        #expect(results == ["<p><del>a</del></p>\n", "<p>~~a~~</p>\n",
                            "<table>\n<thead>\n<tr>\n<th>h</th>\n</tr>\n</thead>\n</table>\n"])
    }

    @Test("An unknown extension in a batch item gives null for that item only")
    func batchUnknownExtension() throws {
        let output = try run(["--pure", "--batch"], input: #"[{"example": 1, "markdown": "x", "extensions": ["footnotes"]}, {"example": 2, "markdown": "y", "extensions": []}]"#)
        let results = try JSONDecoder().decode([String?].self, from: Data(output.stdout.utf8))
        #expect(results == [nil, "<p>y</p>\n"])
    }

    @Test("Usage errors exit 64 with the usage text on stderr")
    func usageErrors() throws {
        let unknown = try run(["--frobnicate"], input: "")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("usage: opswiki render"))
        #expect(try run(["-e", "nosuch"], input: "").status == 64)
        #expect(try run(["-e"], input: "").status == 64)
    }

    @Test("--batch with input that is not a JSON array fails with status 1")
    func batchBadInput() throws {
        #expect(try run(["--batch"], input: "{}").status == 1)
    }
}
