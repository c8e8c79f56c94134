/// Turns libgit2's email of a commit into a mail that mail clients and `git am` read alike.
enum MailExport {
    /// libgit2 writes raw UTF-8 in `From:` and `Subject:` and no MIME headers: encode those headers as
    /// RFC 2047 words and declare the 8-bit UTF-8 body, as `git format-patch` does. The rest is kept byte for byte.
    static func mbox(fromLibgit2 mail: [UInt8]) -> [UInt8] {
        let lines = Mbox.lines(of: mail)
        guard let blank = lines.firstIndex(where: \.isEmpty) else { return mail }
        var out: [UInt8] = []
        for line in lines[..<blank] {
            if line.starts(with: "From: ".utf8) {
                out += Array("From: ".utf8) + from(String(decoding: line.dropFirst(6), as: UTF8.self))
            } else if line.starts(with: "Subject: ".utf8) {
                out += Array("Subject: ".utf8) + subject(String(decoding: line.dropFirst(9), as: UTF8.self))
            } else {
                out += line
            }
            out.append(UInt8(ascii: "\n"))
        }
        out += Array("MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n".utf8)
        // Everything from the blank line on (message, diffstat, diff, signature) stays as libgit2 wrote it.
        let headerBytes = lines[..<blank].reduce(0) { $0 + $1.count + 1 }
        let start = mail.index(mail.startIndex, offsetBy: headerBytes)
        return out + mail[start...]
    }

    /// `Name <email>` with the name encoded when it is not plain ASCII, quoted when it holds RFC 5322 specials.
    private static func from(_ value: String) -> [UInt8] {
        guard let open = value.lastIndex(of: "<") else { return Array(value.utf8) }
        let name = value[..<open].trimmingCharacters(in: .whitespaces)
        let address = String(value[open...])
        let words = EncodedWords.encode(name)
        if words.count > 1 || words.first != name {
            return Array((words.joined(separator: "\n ") + " " + address).utf8)
        }
        // RFC 5322 §3.2.3: these characters need a quoted-string in a display name.
        if name.contains(where: { "()<>[]:;@\\,.\"".contains($0) }) {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return Array("\"\(quoted)\" \(address)".utf8)
        }
        return Array(value.utf8)
    }

    /// `[PATCH] summary` with the summary encoded (and folded) when it is not plain ASCII.
    private static func subject(_ value: String) -> [UInt8] {
        var prefix = ""
        var summary = Substring(value)
        if summary.hasPrefix("["), let close = summary.firstIndex(of: "]") {
            prefix = String(summary[...close]) + " "
            summary = summary[summary.index(after: close)...].drop { $0 == " " }
        }
        let words = EncodedWords.encode(String(summary))
        return Array((prefix + words.joined(separator: "\n ")).utf8)
    }
}
