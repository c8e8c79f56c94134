import Foundation

/// One mail of an mbox read the way `git mailinfo` reads it: headers, in-body headers, the message
/// up to the "---" line, and the diff.
struct MailMessage {
    /// Unfolded header fields in order: lowercased name and raw value.
    private(set) var headers: [(name: String, value: [UInt8])] = []
    /// The lines after the header block, transfer-decoded and `>From ` unquoted.
    private(set) var body: [ArraySlice<UInt8>] = []

    /// Splits `lines` into headers and body; throws when the mail has no header block.
    init(_ lines: ArraySlice<ArraySlice<UInt8>>) throws {
        var index = lines.startIndex
        while index < lines.endIndex, !lines[index].isEmpty {
            let line = lines[index]
            if line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t"), !headers.isEmpty {
                // RFC 5322 §2.2.3 unfolding, as git mailinfo does it: the continuation's first blank becomes one space.
                var value = headers[headers.count - 1].value
                while let last = value.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { value.removeLast() }
                headers[headers.count - 1].value = value + [UInt8(ascii: " ")] + line.dropFirst()
            } else if let name = MailMessage.headerName(line) {
                headers.append((name.lowercased(), Array(line.dropFirst(name.utf8.count + 1).drop { $0 == UInt8(ascii: " ") })))
            } else {
                throw StoreError.invalidInput("the header line \"\(String(decoding: line.prefix(80), as: UTF8.self))\" is malformed")
            }
            index += 1
        }
        if headers.isEmpty { throw StoreError.invalidInput("the mail has no headers") }
        body = try decodeTransfer(Array(lines[min(index + 1, lines.endIndex)...])).map(MailMessage.unquoteFrom)
    }

    /// The field name of a header line (`Subject` for `Subject: x`), or nil when it is not one.
    static func headerName(_ line: ArraySlice<UInt8>) -> String? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else { return nil }
        // RFC 5322 §3.6.8: a field name is printable ASCII except ":" and space.
        guard line[..<colon].allSatisfy({ (0x21...0x7e).contains($0) }) else { return nil }
        return String(decoding: line[..<colon], as: UTF8.self)
    }

    /// The last value of header `name` (lowercase), or nil.
    func header(_ name: String) -> [UInt8]? { headers.last { $0.name == name }?.value }

    /// mboxrd quoting: `>From `, `>>From `… lose one ">" (git mailsplit --mboxrd). Diff lines never start with ">".
    private static func unquoteFrom(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let rest = line.drop { $0 == UInt8(ascii: ">") }
        guard rest.count < line.count, rest.starts(with: "From ".utf8) else { return line }
        return line.dropFirst()
    }

    /// The body lines decoded from `Content-Transfer-Encoding` quoted-printable or base64 (git send-email
    /// may use them); 7bit, 8bit and binary are read as they are.
    private func decodeTransfer(_ lines: [ArraySlice<UInt8>]) throws -> [ArraySlice<UInt8>] {
        let encoding = header("content-transfer-encoding").map { String(decoding: $0, as: UTF8.self).lowercased() }?
            .trimmingCharacters(in: .whitespaces) ?? ""
        switch encoding {
        case "", "7bit", "8bit", "binary":
            return lines
        case "base64":
            let text = lines.map { String(decoding: $0, as: UTF8.self) }.joined()
            guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
                throw StoreError.invalidInput("the base64 body cannot be decoded")
            }
            return Mbox.lines(of: Array(data))
        case "quoted-printable":
            var out: [UInt8] = []
            for line in lines {
                var index = line.startIndex
                var softBreak = false
                while index < line.endIndex {
                    let byte = line[index]
                    if byte == UInt8(ascii: "="), index + 1 == line.endIndex {
                        softBreak = true
                    } else if byte == UInt8(ascii: "="), index + 2 < line.endIndex,
                              let high = ObjectID.nibble(line[index + 1]), let low = ObjectID.nibble(line[index + 2]) {
                        out.append(high << 4 | low)
                        index += 2
                    } else {
                        out.append(byte)
                    }
                    index += 1
                }
                if !softBreak { out.append(UInt8(ascii: "\n")) }
            }
            return Mbox.lines(of: out)
        default:
            throw StoreError.invalidInput("the transfer encoding \"\(encoding)\" is not supported")
        }
    }
}
