import Foundation
import WikiRender
import WikiStore

/// Recent changes as an Atom 1.0 document (RFC 4287).
enum FeedPresenter {
    /// The feed for `changes` (newest first) with absolute links under `origin` (`http://host:port`).
    static func atom(_ changes: [CommitDetails], origin: String, title: String) -> [UInt8] {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        // RFC 4287 §4.2.6: the feed id is a permanent IRI; the site's own changes page is that.
        out += "  <id>\(xml(origin))/changes</id>\n"
        out += "  <title>\(xml(title + ": recent changes"))</title>\n"
        // §4.2.15: updated is the newest entry's time (the epoch for a wiki without commits).
        out += "  <updated>\(DateText.iso(changes.first?.commit.committer.date ?? Date(timeIntervalSince1970: 0)))</updated>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(xml(origin))/changes.atom\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(xml(origin))/changes\"/>\n"
        out += "  <generator>opswiki</generator>\n"
        for change in changes {
            let commit = change.commit
            let files = change.files.map { "\(DiffPresenter.label($0.change)): \($0.path)" }.joined(separator: "\n")
            out += "  <entry>\n"
            out += "    <id>urn:opswiki:commit:\(commit.id)</id>\n"
            out += "    <title>\(xml(commit.summary.isEmpty ? "Commit \(commit.revision.shortID)" : commit.summary))</title>\n"
            out += "    <updated>\(DateText.iso(commit.committer.date))</updated>\n"
            out += "    <published>\(DateText.iso(commit.author.date))</published>\n"
            out += "    <author><name>\(xml(commit.author.name))</name></author>\n"
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(xml(origin))/commit/\(commit.id)\"/>\n"
            let message = commit.message.trimmingCharacters(in: .whitespacesAndNewlines)
            out += "    <content type=\"text\">\(xml(message + (files.isEmpty ? "" : "\n\n" + files)))</content>\n"
            out += "  </entry>\n"
        }
        out += "</feed>\n"
        return Array(out.utf8)
    }

    /// Escapes text for XML content or a double-quoted attribute, dropping the characters XML 1.0 §2.2
    /// forbids even as references (controls other than tab, newline and carriage return).
    static func xml(_ text: String) -> String {
        var allowed = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where scalar.value >= 0x20 || scalar == "\t" || scalar == "\n" || scalar == "\r" {
            if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
            allowed.append(scalar)
        }
        return SafeHTML(escaping: String(allowed)).string
    }

    /// `http://` plus the request's `Host` when it is a valid host name, IPv4 or bracketed IPv6 address with an
    /// optional port (RFC 9110 §7.2, RFC 3986 §3.2.2); 400 otherwise, so a forged host cannot reach the feed.
    static func origin(_ request: Request) throws -> String {
        guard let host = request.headers["Host"], isValidHost(host) else {
            throw HTTPError(.badRequest, "The request needs a valid Host header.")
        }
        return "http://" + host
    }

    /// Whether `host` is `name[:port]`, `a.b.c.d[:port]` or `[v6][:port]`, at most 255 bytes.
    static func isValidHost(_ host: String) -> Bool {
        guard !host.isEmpty, host.utf8.count <= 255 else { return false }
        var name = Substring(host)
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { return false }
            let inside = name[name.index(after: name.startIndex)..<close]
            guard !inside.isEmpty, inside.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return false }
            name = name[name.index(after: close)...]
            return name.isEmpty || isPort(name)
        }
        if let colon = name.firstIndex(of: ":") {
            guard isPort(name[colon...]) else { return false }
            name = name[..<colon]
        }
        return !name.isEmpty && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "." }
    }

    /// `:` and 1 to 5 digits.
    private static func isPort(_ text: Substring) -> Bool {
        let digits = text.dropFirst()
        return text.first == ":" && (1...5).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
