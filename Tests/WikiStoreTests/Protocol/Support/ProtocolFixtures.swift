import Foundation
@testable import WikiStore

/// Helpers shared by the protocol tests: request bodies, response decoding and git clones beside a wiki.
enum ProtocolFixtures {
    /// A pkt-line carrying `text` + LF.
    static func line(_ text: String) -> [UInt8] { PktLine.encode(line: text) }

    /// Decodes a whole response into packets, failing on malformed framing.
    static func packets(_ bytes: [UInt8]) throws -> [Packet] {
        var reader = PktLineReader(bytes)
        var out: [Packet] = []
        while let packet = try reader.next() { out.append(packet) }
        guard reader.remaining.isEmpty else { throw TestFailure("\(reader.remaining.count) bytes after the last packet") }
        return out
    }

    /// Splits a response into its text lines before the first side-band packet, the band-1 bytes and the band-2 text.
    static func demultiplex(_ bytes: [UInt8]) throws -> (lines: [String], pack: [UInt8], progress: String) {
        var lines: [String] = [], pack: [UInt8] = [], progress = ""
        var inBands = false
        for packet in try packets(bytes) {
            guard case .data(let payload) = packet else { lines.append(packet == .flush ? "0000" : "0001"); continue }
            if !inBands, let text = packet.line, !text.isEmpty, payload.first.map({ $0 > 3 }) ?? true {
                lines.append(text)
                continue
            }
            inBands = true
            switch payload.first {
            case 1: pack += payload.dropFirst()
            case 2: progress += String(decoding: payload.dropFirst(), as: UTF8.self)
            default: throw TestFailure("band \(payload.first ?? 0)")
            }
        }
        return (lines, pack, progress)
    }

    /// The pack git sends when every pushed tip already exists: a header of 0 objects and its SHA-1 trailer.
    static let emptyPack: [UInt8] = Array("PACK".utf8) + [0, 0, 0, 2, 0, 0, 0, 0]
        + Array(ObjectID(hex: "029d08823bd8a8eab510ad6ac75c823cfd3ed31e")?.bytes ?? [])

    /// The object count in a pack's header.
    static func objectCount(ofPack pack: [UInt8]) -> Int {
        guard pack.count >= 12, pack.prefix(4).elementsEqual("PACK".utf8) else { return -1 }
        return pack[8..<12].reduce(0) { $0 << 8 | Int($1) }
    }

    /// A non-bare clone of the wiki made by the real git through the file system, with a test identity.
    static func localClone(of wiki: TemporaryWiki, name: String = "work") throws -> URL {
        let directory = wiki.root.appendingPathComponent(name)
        try wiki.git("clone", "-q", wiki.path, directory.path)
        return directory
    }

    /// Runs git inside `directory` and returns stdout; throws on failure.
    @discardableResult
    static func git(_ wiki: TemporaryWiki, in directory: URL, _ arguments: String..., environment: [String: String] = [:]) throws -> String {
        let result = try wiki.runGit(["-C", directory.path] + arguments, environment: environment, inRepository: false)
        guard result.status == 0 else { throw TestFailure("git \(arguments.joined(separator: " ")): \(result.error)") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Commits a new file in a working clone and returns the new HEAD.
    @discardableResult
    static func commit(_ wiki: TemporaryWiki, in directory: URL, file: String, text: String) throws -> String {
        try Data(text.utf8).write(to: directory.appendingPathComponent(file))
        try git(wiki, in: directory, "add", file)
        try git(wiki, in: directory, "commit", "-q", "-m", "Edit \(file)")
        return try git(wiki, in: directory, "rev-parse", "HEAD")
    }

    /// The bytes of `git pack-objects --stdout --revs` for `revisions` (e.g. `["new", "^old"]`) in `directory`.
    static func pack(_ wiki: TemporaryWiki, in directory: URL, revisions: [String]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-C", directory.path, "pack-objects", "--stdout", "--revs", "-q"]
        process.environment = ["HOME": wiki.root.appendingPathComponent("home").path, "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data((revisions.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("git pack-objects failed") }
        return Array(data)
    }

    /// The names of the files in the wiki's `objects/pack`, sorted.
    static func packFiles(_ wiki: TemporaryWiki) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: wiki.path + "/objects/pack").sorted()
    }

    /// A receive-pack request: one command with capabilities, options when given, then `pack`.
    static func pushBody(old: String?, new: String, ref: String, capabilities: String = "report-status-v2 side-band-64k",
                         options: [String] = [], pack: [UInt8]) -> [UInt8] {
        let zero = String(repeating: "0", count: 40)
        var first = Array("\(old ?? zero) \(new) \(ref)".utf8) + [0] + Array(" \(capabilities)\(options.isEmpty ? "" : " push-options")".utf8)
        first.append(0x0a)
        var body = PktLine.encode(first) + PktLine.flush
        if !options.isEmpty { body += options.flatMap { line($0) } + PktLine.flush }
        return body + pack
    }
}
