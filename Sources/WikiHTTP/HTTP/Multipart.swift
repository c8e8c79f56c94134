/// A `multipart/form-data` body parser (RFC 7578 over RFC 2046 §5.1), bounded by `FormData.Limits`.
struct Multipart {
    private let delimiter: [UInt8]
    private let limits: FormData.Limits

    /// Reads the boundary parameter of `contentType`; a missing or invalid one is a 400.
    init(contentType: String, limits: FormData.Limits) throws(HTTPError) {
        let parameters = Self.parameters(contentType.split(separator: ";").dropFirst().joined(separator: ";"))
        // RFC 2046 §5.1.1: 1 to 70 characters, not ending in a space.
        guard let boundary = parameters["boundary"], (1...70).contains(boundary.utf8.count), !boundary.hasSuffix(" ") else {
            throw .badRequest("The multipart boundary is missing or invalid.")
        }
        delimiter = Array("--\(boundary)".utf8)
        self.limits = limits
    }

    /// Splits `body` into parts.
    mutating func parse(_ body: [UInt8]) throws(HTTPError) -> [FormData.Part] {
        let malformed = HTTPError.badRequest("The multipart body is malformed.")
        // The first delimiter may follow a preamble; every later one is preceded by CRLF.
        guard var position = Self.find(delimiter, in: body, from: 0),
              position == 0 || position >= 2 && body[position - 2..<position].elementsEqual([ASCII.cr, ASCII.lf]) else { throw malformed }
        let separator = [ASCII.cr, ASCII.lf] + delimiter
        var parts: [FormData.Part] = []
        while true {
            position += delimiter.count
            if body[position...].starts(with: "--".utf8) { return parts }
            // RFC 2046 §5.1.1: transport padding (whitespace) may follow a delimiter, then CRLF.
            while position < body.count, body[position] == ASCII.space || body[position] == ASCII.tab { position += 1 }
            guard body[position...].starts(with: [ASCII.cr, ASCII.lf]) else { throw malformed }
            position += 2
            guard parts.count < limits.fields else { throw HTTPError(.contentTooLarge, "More than \(limits.fields) form parts.") }
            guard let headerEnd = Self.find([ASCII.cr, ASCII.lf, ASCII.cr, ASCII.lf], in: body, from: position - 2),
                  headerEnd - position <= limits.partHeaderBytes else { throw malformed }
            var part = try Self.parsePartHeaders(body[position..<max(position, headerEnd)])
            let contentStart = headerEnd + 4
            guard let next = Self.find(separator, in: body, from: contentStart) else { throw malformed }
            part.bytes = Array(body[contentStart..<next])
            parts.append(part)
            position = next + 2
        }
    }

    private static func parsePartHeaders(_ block: ArraySlice<UInt8>) throws(HTTPError) -> FormData.Part {
        var name: String?, filename: String?, contentType: String?
        let text = String(decoding: block, as: UTF8.self)
        for line in text.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { throw .badRequest("A multipart header has no colon.") }
            let field = line[..<colon].trimmingSpaces
            let value = String(line[line.index(after: colon)...].trimmingSpaces)
            if Headers.equal(field, "Content-Disposition") {
                let disposition = value.split(separator: ";", maxSplits: 1)
                guard disposition.first.map({ Headers.equal($0.trimmingSpaces, "form-data") }) == true else { continue }
                let parameters = Self.parameters(disposition.dropFirst().first.map(String.init) ?? "")
                name = parameters["name"]
                filename = parameters["filename"]
            } else if Headers.equal(field, "Content-Type") {
                contentType = value
            }
        }
        guard let name else { throw .badRequest("A multipart part has no form-data name.") }
        return FormData.Part(name: name, filename: filename, contentType: contentType, bytes: [])
    }

    /// `; key=value; key="quoted \" value"` parameters, keys lowercased (RFC 9110 §5.6.6).
    static func parameters(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(text)
        while let equals = rest.firstIndex(of: "=") {
            let key = rest[..<equals].drop { $0 == ";" }.trimmingSpaces.lowercased()
            rest = rest[rest.index(after: equals)...].trimmingSpaces
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                while let character = rest.popFirst(), character != "\"" {
                    value.append(character == "\\" ? (rest.popFirst() ?? "\\") : character)
                }
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                value = String(rest[..<end].trimmingSpaces)
                rest = rest[end...]
            }
            if result[key] == nil { result[key] = value }
            rest = rest.drop { $0 == ";" || $0 == " " || $0 == "\t" }
        }
        return result
    }

    /// The first index of `needle` in `haystack` at or after `start`. Knuth–Morris–Pratt, so the time is
    /// linear in the body even when an attacker crafts near-miss boundaries.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start >= 0, start <= haystack.count else { return nil }
        var failure = [Int](repeating: 0, count: needle.count)
        var length = 0
        for index in needle.indices.dropFirst() {
            while length > 0 && needle[index] != needle[length] { length = failure[length - 1] }
            if needle[index] == needle[length] { length += 1 }
            failure[index] = length
        }
        var matched = 0
        for index in start..<haystack.count {
            while matched > 0 && haystack[index] != needle[matched] { matched = failure[matched - 1] }
            if haystack[index] == needle[matched] { matched += 1 }
            if matched == needle.count { return index - needle.count + 1 }
        }
        return nil
    }
}
