import Foundation

/// The settings of `opswiki serve`: flags > environment (`OPSWIKI_*`) > configuration file > defaults.
struct Configuration: Equatable {
    /// A configuration file line that could not be used, with its line number.
    struct FileError: Error, CustomStringConvertible {
        let path: String
        let line: Int
        let message: String
        var description: String { "\(path):\(line): \(message)" }
    }

    var repo: String?
    var host = "127.0.0.1"
    var port = 8080
    var title = "opswiki"
    var users: String?
    var anonymousRead = true
    var theme: String?
    var maxBodyBytes = 32 * 1024 * 1024
    var trustedProxies: [String] = []
    var proxyUserHeader: String?
    var proxyEmailHeader = "X-Forwarded-Email"
    var secureCookies = false
    var sessionHours = 12
    var accessLog = true
    /// How log lines are written: text, logfmt or json.
    var logFormat = "text"
    /// Who may read `/metrics`: local, open or off.
    var metrics = "local"
    /// Open connections beyond which new clients get 503; nil keeps the server's default.
    var maxConnections: Int?
    /// Handler threads for everything but git streams; nil keeps the server's default (one per core).
    var workers: Int?
    /// Roles set in the file (`role.NAME = maintainer`), overriding the users file.
    var roles: [String: String] = [:]

    /// Every key the file and the environment accept, with its one-line help.
    static let keys: [(key: String, help: String)] = [
        ("repo", "path of the wiki's bare repository"),
        ("host", "address to listen on (default 127.0.0.1; 0.0.0.0 or :: for all)"),
        ("port", "TCP port (default 8080)"),
        ("title", "site title shown in every page"),
        ("users", "users file (htpasswd lines name:hash[:role:email:display name])"),
        ("anonymous", "read (default): anyone may read; none: sign-in required"),
        ("theme", "theme directory (default: themes/default beside the binary or the working directory)"),
        ("max-body", "largest request body, e.g. 32M (default), 512K, 1G"),
        ("trusted-proxies", "comma-separated proxy addresses whose user headers are believed"),
        ("proxy-user-header", "header naming the signed-in user, e.g. X-Forwarded-User"),
        ("proxy-email-header", "header with that user's email (default X-Forwarded-Email)"),
        ("secure-cookies", "true when served over HTTPS (session cookie gets Secure)"),
        ("session-hours", "hours a browser session lasts (default 12)"),
        ("access-log", "true (default) or false: one line per request on stderr"),
        ("log-format", "text (default), logfmt or json: how log lines on stderr are written"),
        ("metrics", "who may read /metrics: local (default: loopback, not via a proxy), open, or off"),
        ("max-connections", "open connections beyond which new clients get 503 (default 4096; keep it under the fd limit)"),
        ("workers", "handler threads for pages (default: one per core; clones and pushes have 8 of their own)"),
        ("role.NAME", "reader, contributor, editor or maintainer for user NAME"),
    ]

    /// Applies the lines of a configuration file: `key = value`, `#` comments, blank lines.
    mutating func apply(file text: String, path: String) throws {
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw FileError(path: path, line: offset + 1, message: "expected 'key = value'")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            do { try set(key, to: value) } catch {
                throw FileError(path: path, line: offset + 1, message: error.description)
            }
        }
    }

    /// Applies `OPSWIKI_REPO`, `OPSWIKI_PORT`, … (the key upper-cased, `-` as `_`).
    mutating func apply(environment: [String: String]) throws {
        for (key, _) in Configuration.keys where !key.hasPrefix("role.") {
            let name = "OPSWIKI_" + key.uppercased().replacingOccurrences(of: "-", with: "_")
            if let value = environment[name] {
                do { try set(key, to: value) } catch { throw UsageError("\(name): \(error)") }
            }
        }
    }

    /// Sets one key; an unknown key or a bad value is a `UsageError` saying why.
    mutating func set(_ key: String, to value: String) throws(UsageError) {
        switch key {
        case "repo": repo = value
        case "host": host = value
        case "port": port = try Configuration.integer(value, key: key, in: 0...65535)
        case "title": title = value
        case "users": users = value
        case "anonymous":
            guard value == "read" || value == "none" else { throw UsageError("anonymous must be 'read' or 'none'") }
            anonymousRead = value == "read"
        case "theme": theme = value
        case "max-body": maxBodyBytes = try Configuration.byteSize(value, key: key)
        case "trusted-proxies":
            trustedProxies = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case "proxy-user-header": proxyUserHeader = value
        case "proxy-email-header": proxyEmailHeader = value
        case "secure-cookies": secureCookies = try Configuration.boolean(value, key: key)
        case "session-hours": sessionHours = try Configuration.integer(value, key: key, in: 1...(24 * 365))
        case "access-log": accessLog = try Configuration.boolean(value, key: key)
        case "log-format":
            guard ["text", "logfmt", "json"].contains(value) else { throw UsageError("log-format must be text, logfmt or json") }
            logFormat = value
        case "max-connections": maxConnections = try Configuration.integer(value, key: key, in: 1...1_000_000)
        case "metrics":
            guard ["local", "open", "off"].contains(value) else { throw UsageError("metrics must be local, open or off") }
            metrics = value
        case "workers": workers = try Configuration.integer(value, key: key, in: 1...256)
        case _ where key.hasPrefix("role."):
            let name = String(key.dropFirst(5))
            guard !name.isEmpty, ["reader", "contributor", "editor", "maintainer"].contains(value) else {
                throw UsageError("\(key) must be reader, contributor, editor or maintainer")
            }
            roles[name] = value
        default: throw UsageError("unknown setting '\(key)'")
        }
    }

    private static func integer(_ value: String, key: String, in range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let number = Int(value), range.contains(number) else {
            throw UsageError("\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    private static func boolean(_ value: String, key: String) throws(UsageError) -> Bool {
        switch value.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw UsageError("\(key) must be true or false")
        }
    }

    /// `32M`, `512K`, `1G` or a plain number of bytes.
    static func byteSize(_ value: String, key: String) throws(UsageError) -> Int {
        let multipliers: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(value.uppercased())
        var multiplier = 1
        if let last = digits.last, let factor = multipliers[last] { multiplier = factor; digits = digits.dropLast() }
        guard let number = Int(digits), number > 0, number <= (1 << 40) / multiplier else {
            throw UsageError("\(key) must be a size such as 32M, 512K or 1G")
        }
        return number * multiplier
    }
}
