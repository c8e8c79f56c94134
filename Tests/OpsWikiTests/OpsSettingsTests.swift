import Foundation
import Testing
@testable import opswiki

/// The settings issue 9 added: log format, metrics access, connection limit.
struct OpsSettingsTests {
    @Test("log-format, metrics and max-connections are read from the file and the environment")
    func values() throws {
        var configuration = Configuration()
        try configuration.apply(file: "log-format = json\nmetrics = open\nmax-connections = 200\n", path: "c")
        #expect(configuration.logFormat == "json")
        #expect(configuration.metrics == "open")
        #expect(configuration.maxConnections == 200)
        try configuration.apply(environment: ["OPSWIKI_LOG_FORMAT": "logfmt", "OPSWIKI_METRICS": "off"])
        #expect(configuration.logFormat == "logfmt")
        #expect(configuration.metrics == "off")
    }

    @Test("Bad values are refused with the allowed ones named", arguments: [
        ("log-format", "xml", "log-format must be text, logfmt or json"),
        ("metrics", "public", "metrics must be local, open or off"),
        ("max-connections", "0", "max-connections must be a whole number from 1 to 1000000"),
    ])
    func badValues(_ key: String, _ value: String, _ message: String) {
        var configuration = Configuration()
        let error = #expect(throws: UsageError.self) { try configuration.set(key, to: value) }
        #expect(error?.description == message)
    }

    @Test("The defaults: text logs, metrics for loopback, the server's own connection limit")
    func defaults() {
        let configuration = Configuration()
        #expect(configuration.logFormat == "text")
        #expect(configuration.metrics == "local")
        #expect(configuration.maxConnections == nil)
    }

    @Test("Every new key has a help line")
    func help() {
        let keys = Set(Configuration.keys.map(\.key))
        #expect(keys.isSuperset(of: ["log-format", "metrics", "max-connections"]))
        #expect(ServeCommand.usage.contains("--log-format F") && ServeCommand.usage.contains("--metrics WHO"))
    }
}
