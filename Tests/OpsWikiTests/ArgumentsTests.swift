import Testing
@testable import opswiki

struct ArgumentsTests {
    @Test("Flags, both option spellings, repeated options and positionals")
    func parsing() throws {
        var arguments = Arguments(["PATH", "--demo", "--port", "80", "--host=::", "-e", "table", "-e", "autolink"])
        let first = arguments.flag("demo"), second = arguments.flag("demo")
        #expect(first && !second)
        #expect(try arguments.option("port") == "80")
        #expect(try arguments.option("host") == "::")
        #expect(try arguments.options("e", short: true) == ["table", "autolink"])
        #expect(try arguments.finish() == ["PATH"])
    }

    @Test("An unknown option and a missing value are usage errors")
    func usageErrors() {
        var unknown = Arguments(["--colour"])
        #expect(throws: UsageError.self) { try unknown.finish() }
        var missing = Arguments(["--port"])
        #expect(throws: UsageError.self) { try missing.option("port") }
    }

    @Test("Everything after -- is positional")
    func separator() throws {
        var arguments = Arguments(["--", "--demo"])
        let demo = arguments.flag("demo")
        #expect(!demo)
        #expect(try arguments.finish() == ["--demo"])
    }
}
