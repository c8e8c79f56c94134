import Foundation
import WikiHTTP
import WikiRender
import WikiStore

/// `opswiki serve`: opens the wiki, loads the theme, and serves HTTP until SIGTERM or SIGINT.
enum ServeCommand {
    static let usage = """
    Usage: opswiki serve --repo PATH [--host 127.0.0.1] [--port 8080] [options]

      --repo PATH        the wiki's bare repository (created by 'opswiki init')
      --host ADDRESS     address to listen on (default 127.0.0.1; 0.0.0.0 or :: for all)
      --port N           TCP port (default 8080; 0 picks a free one)
      --config FILE      configuration file (key = value lines, see the README)
      --users FILE       users file (see 'opswiki user add')
      --theme DIR        theme directory (default themes/default)
      --title TEXT       site title
      --workers N        handler threads for pages (default: one per core)
      --log-format F     text (default), logfmt or json, for the access log and other log lines
      --metrics WHO      who may read /metrics: local (default), open or off
      --quiet            no access log

    Settings come from flags, then OPSWIKI_* environment variables, then the configuration file.
    """

    /// Runs the command; returns after a signal has drained the server.
    static func run(_ arguments: Arguments) throws -> Int32 {
        let start = Date()
        MemoryTrimmer.limitArenas()
        unblockShutdownSignals()
        var arguments = arguments
        if arguments.flag("help", short: "h") { print(usage); return 0 }
        var configuration = Configuration()
        if let path = try arguments.option("config") {
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw CommandFailure("cannot read configuration file \(path)")
            }
            try configuration.apply(file: text, path: path)
        }
        try configuration.apply(environment: ProcessInfo.processInfo.environment)
        for key in ["repo", "host", "port", "users", "theme", "title", "workers", "log-format", "metrics"] {
            if let value = try arguments.option(key) { try configuration.set(key, to: value) }
        }
        if arguments.flag("quiet") { configuration.accessLog = false }
        guard try arguments.finish().isEmpty else { throw UsageError("serve takes no positional arguments") }
        guard let repo = configuration.repo else { throw UsageError("--repo PATH is required") }

        let logger = Logger.standardError(format: LogFormat(rawValue: configuration.logFormat) ?? .text)
        let wiki = try Wiki.open(at: repo)
        reportRecovery(try wiki.recoverAfterCrash(start: start), logger)
        wiki.keepCloneCacheWarm()
        let theme = try loadTheme(configuration.theme)
        let authenticator = try makeAuthenticator(configuration)
        announce(accessSummary(configuration, authenticator), logger)
        var settings = SiteSettings(title: configuration.title, anonymousRead: configuration.anonymousRead,
                                    authenticator: authenticator)
        settings.metricsAccess = MetricsAccess(rawValue: configuration.metrics) ?? .local
        let metrics = Metrics(version: OpsWiki.version)
        let app = WikiApp(wiki: wiki, theme: theme, settings: settings, metrics: metrics)
        // The indexes are built in the background (below): page views show "What links here" as pending and
        // no last change until then, rather than wait for them.
        app.knowledgeWillBuildInBackground()
        wiki.indexesWillBuildInBackground()
        var server = ServerConfiguration()
        server.logger = logger
        server.metrics = metrics.server
        server.host = configuration.host
        server.port = configuration.port
        server.limits.body = configuration.maxBodyBytes
        server.accessLog = configuration.accessLog
        if let workers = configuration.workers { server.workerThreads = workers }
        if let maxConnections = configuration.maxConnections { server.maxConnections = maxConnections }
        // Clones and pushes stream for seconds: give them their own threads so page views never wait.
        server.longRequestPrefixes = ["/wiki.git/"]
        let httpServer = HTTPServer(configuration: server, responder: app.responder())
        metrics.watchOpenConnections { httpServer.openConnections }
        try httpServer.installSignalHandlers()
        try httpServer.start()
        if let counters = httpServer.responseCacheCounters { metrics.watchCache("response", counters) }
        metrics.watchCacheBytes("response") { httpServer.responseCacheBytes }
        let shownHost = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        announce("opswiki \(OpsWiki.version) serving \(repo) at http://\(shownHost):\(httpServer.port)/", logger)
        // Give memory freed between the caches' long-lived entries back to the system: every 10 s, and within
        // a second of a burst that freed more than 8 MiB.
        MemoryTrimmer.start()
        // Load or extend the derived indexes (history, search, page facts) off the request path, at a lower
        // CPU priority than the threads answering requests, so the first visitors do not wait behind them.
        Thread.detachNewThread {
            ThreadPriority.lowerCurrentThread()
            do { try app.prepareKnowledge() } catch { logger.error("knowledge index: \(OpsWiki.describe(error))") }
            do { try wiki.warmIndexes() } catch { logger.error("indexes: \(OpsWiki.describe(error))") }
        }
        httpServer.run()
        announce("opswiki stopped", logger)
        return 0
    }

    /// A parent may start us with SIGINT/SIGTERM blocked (the mask is inherited across exec; seen with a
    /// test runner's worker thread): the shutdown handler would then never run, so unblock them first.
    static func unblockShutdownSignals() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// One line per lock file or leftover a crash left and start-up removed (issue 9: never ignored silently).
    static func reportRecovery(_ recovery: CrashRecovery, _ logger: Logger) {
        if recovery.skippedBecauseInUse {
            logger.warning("crash recovery skipped: another opswiki process holds this repository")
        }
        for file in recovery.removedLocks {
            logger.warning("removed a stale lock file left by a crashed writer", ["file": file])
        }
        for file in recovery.removedLeftovers {
            logger.info("removed a leftover of an interrupted write", ["path": file])
        }
    }

    /// A start-up or shutdown message: printed as it is in the text format (people and scripts read
    /// these lines), a structured `info` line in logfmt and JSON.
    static func announce(_ message: String, _ logger: Logger) {
        if logger.format == .text { OpsWiki.printError(message) } else { logger.info(message) }
    }

    /// The users file's users, the `role.NAME` overrides, proxy settings and session cookie settings.
    static func makeAuthenticator(_ configuration: Configuration) throws -> Authenticator {
        var settings = Authenticator.Configuration()
        settings.sessionLifetime = .seconds(configuration.sessionHours * 3600)
        settings.secureCookies = configuration.secureCookies
        settings.trustedProxies = configuration.trustedProxies
        settings.proxyUserHeader = configuration.proxyUserHeader
        settings.proxyEmailHeader = configuration.proxyEmailHeader
        settings.roles = configuration.roles.compactMapValues { Role(rawValue: $0) }
        if settings.proxyUserHeader != nil && settings.trustedProxies.isEmpty {
            throw UsageError("proxy-user-header needs trusted-proxies (the addresses allowed to set it)")
        }
        guard let path = configuration.users else { return Authenticator(configuration: settings) }
        return Authenticator(users: try UsersFile(contentsOf: path).users, configuration: settings)
    }

    /// One line saying who may read and who may write, printed at start.
    static func accessSummary(_ configuration: Configuration, _ authenticator: Authenticator) -> String {
        let readers = configuration.anonymousRead ? "everyone may read" : "reading needs sign-in"
        var sources: [String] = []
        if let users = configuration.users { sources.append("users from \(users)") }
        if let header = configuration.proxyUserHeader {
            sources.append("\(header) from \(configuration.trustedProxies.joined(separator: ", "))")
        }
        guard authenticator.canSignIn else {
            return "No users file: \(readers) and nobody may write (add users with 'opswiki user add', then --users FILE)."
        }
        return "Access: \(readers); sign-in with \(sources.joined(separator: " and "))."
    }

    /// The theme at `path`, or `themes/default` found beside the working directory or the binary.
    private static func loadTheme(_ path: String?) throws -> Theme {
        if let path { return try Theme(directory: path) }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            FileManager.default.currentDirectoryPath + "/themes/default",
            binary.appendingPathComponent("../../themes/default").standardized.path,   // .build/release/opswiki
            binary.appendingPathComponent("../share/opswiki/themes/default").standardized.path,  // installed
        ]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/style.css") }) else {
            throw CommandFailure("no theme found (looked in \(candidates.joined(separator: ", "))); pass --theme DIR")
        }
        return try Theme(directory: found)
    }
}
