import Foundation

/// Turning one mail into a `PatchEmail` with `git am`'s rules (git mailinfo.c, builtin/am.c).
extension MailMessage {
    /// The patch: author, subject and message from the headers and the body before "---", the diff after it.
    func patch() throws -> PatchEmail {
        var from = header("from"), date = header("date"), subject = header("subject")
        let bodyStart = inBodyHeaders(from: &from, date: &date, subject: &subject)
        guard let breakLine = body[bodyStart...].firstIndex(where: MailMessage.isPatchBreak),
              let diffStart = body[breakLine...].firstIndex(where: { $0.starts(with: "diff --git ".utf8) }) else {
            throw StoreError.invalidInput("it has no diff (no \"diff --git\" line after the message)")
        }
        let charset = contentCharset()
        let messageBody = try body[bodyStart..<breakLine].map { try Charset.utf8(Array($0), charset: charset) }

        guard let fromValue = from else { throw StoreError.invalidInput("it has no From header") }
        guard let subjectValue = subject else { throw StoreError.invalidInput("it has no Subject header") }
        let cleanSubject = MailMessage.cleanSubject(try EncodedWords.decode(subjectValue))
        guard !cleanSubject.isEmpty else { throw StoreError.invalidInput("its subject is empty") }
        let (name, email) = try MailMessage.address(try EncodedWords.decode(fromValue))
        var when = MailDate(date: Date(), offsetMinutes: 0)
        if let date {
            let text = String(decoding: date, as: UTF8.self)
            guard let parsed = MailDate(text) else { throw StoreError.invalidInput("the Date \"\(text)\" is not an RFC 2822 date") }
            when = parsed
        }
        let bodyText = messageBody.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
        return PatchEmail(author: Person(name: name, email: email, date: when.date), authorTimeZoneOffset: when.offsetMinutes,
                          subject: cleanSubject, message: MailMessage.stripSpace(cleanSubject + "\n\n" + bodyText),
                          diff: diffBytes(from: diffStart))
    }

    /// Reads `From:`, `Date:` and `Subject:` lines at the top of the body, which override the mail's
    /// headers (format-patch writes them when the sender is not the author); returns where the body starts.
    private func inBodyHeaders(from: inout [UInt8]?, date: inout [UInt8]?, subject: inout [UInt8]?) -> Int {
        var index = body.startIndex
        while index < body.endIndex, body[index].isEmpty { index += 1 }
        var found = false
        while index < body.endIndex, let name = MailMessage.headerName(body[index])?.lowercased(),
              ["from", "date", "subject"].contains(name) {
            var value = Array(body[index].dropFirst(name.utf8.count + 1).drop { $0 == UInt8(ascii: " ") })
            index += 1
            while index < body.endIndex, body[index].first == UInt8(ascii: " ") || body[index].first == UInt8(ascii: "\t") {
                value += [UInt8(ascii: " ")] + body[index].dropFirst()
                index += 1
            }
            switch name {
            case "from": from = value
            case "date": date = value
            default: subject = value
            }
            found = true
        }
        guard found else { return body.startIndex }
        while index < body.endIndex, body[index].isEmpty { index += 1 }
        return index
    }

    /// git mailinfo's `patchbreak`: "diff -", "Index: ", "--- <file>", or "---" followed only by blanks.
    static func isPatchBreak(_ line: ArraySlice<UInt8>) -> Bool {
        if line.starts(with: "diff -".utf8) || line.starts(with: "Index: ".utf8) { return true }
        guard line.starts(with: "---".utf8) else { return false }
        let rest = line.dropFirst(3)
        if rest.first == UInt8(ascii: " "), let next = rest.dropFirst().first, next != UInt8(ascii: " "), next != UInt8(ascii: "\t") {
            return true
        }
        return rest.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// The diff from `start` to the `-- ` line of format-patch's signature (the last such line, when a
    /// version line follows it), with every line ending in "\n".
    private func diffBytes(from start: Int) -> [UInt8] {
        var end = body.endIndex
        if let signature = body[start...].lastIndex(where: { $0.elementsEqual("-- ".utf8) }),
           body[(signature + 1)...].contains(where: { !$0.isEmpty }) {
            end = signature
        }
        while end > start, body[end - 1].isEmpty { end -= 1 }
        var bytes: [UInt8] = []
        for line in body[start..<end] {
            bytes += line
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// The `charset` parameter of `Content-Type`, or "" (read as UTF-8).
    private func contentCharset() -> String {
        guard let value = header("content-type").map({ String(decoding: $0, as: UTF8.self) }) else { return "" }
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" {
                return pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return ""
    }

    /// git mailinfo's `cleanup_subject` without -k: drops leading "Re:", blanks, ":" and every leading
    /// "[…]" group (`[PATCH 2/3]`, `[RFC PATCH]`), then trims. Newlines become spaces.
    static func cleanSubject(_ subject: String) -> String {
        var text = Substring(subject.replacingOccurrences(of: "\n", with: " "))
        while let first = text.first {
            if first == " " || first == "\t" || first == ":" {
                text = text.dropFirst()
            } else if text.lowercased().hasPrefix("re:") {
                text = text.dropFirst(3)
            } else if first == "[", let close = text.firstIndex(of: "]") {
                text = text[text.index(after: close)...]
            } else {
                break
            }
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// The name and email of a `From` value: `Name <a@b>`, `"Last, First" <a@b>`, `a@b (Name)` or `a@b`.
    /// A missing name becomes the email, as git mailinfo does.
    static func address(_ value: String) throws -> (name: String, email: String) {
        var name: String, email: String
        if let open = value.lastIndex(of: "<"), let close = value[open...].firstIndex(of: ">") {
            email = String(value[value.index(after: open)..<close])
            name = String(value[..<open]) + String(value[value.index(after: close)...])
        } else if let open = value.firstIndex(of: "("), let close = value.lastIndex(of: ")"), open < close {
            email = String(value[..<open])
            name = String(value[value.index(after: open)..<close])
        } else {
            email = value
            name = ""
        }
        email = email.trimmingCharacters(in: .whitespaces)
        name = name.trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
                .replacingOccurrences(of: "\\\\", with: "\\")
        }
        guard email.contains("@"), !email.contains(where: { $0 == "<" || $0 == ">" || $0 == " " || $0.isNewline }) else {
            throw StoreError.invalidInput("the From header \"\(value)\" has no usable email address")
        }
        return (name.isEmpty ? email : name, email)
    }

    /// git's `strbuf_stripspace` without comment stripping: trailing blanks removed from each line, runs
    /// of blank lines collapsed to one, blank lines at both ends dropped, one final newline.
    static func stripSpace(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var trimmed = line
            while let last = trimmed.last, last == " " || last == "\t" || last == "\r" { trimmed = trimmed.dropLast() }
            if trimmed.isEmpty && (lines.isEmpty || lines.last?.isEmpty == true) { continue }
            lines.append(trimmed)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }
}
