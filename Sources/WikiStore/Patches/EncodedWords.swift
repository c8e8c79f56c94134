import Foundation

/// RFC 2047 encoded-words (`=?UTF-8?q?J=C3=B6rg?=`, `=?utf-8?b?SsO2cmc=?=`) in mail headers.
enum EncodedWords {
    /// Decodes every encoded-word of an unfolded header value; whitespace between two adjacent
    /// encoded-words is dropped (RFC 2047 §6.2), other text is kept and read as UTF-8.
    static func decode(_ value: [UInt8]) throws -> String {
        var out: [UInt8] = []
        var index = 0
        var pendingSpace: [UInt8] = []
        var lastWasEncoded = false
        while index < value.count {
            if let (bytes, end) = try word(in: value, at: index) {
                out += bytes
                index = end
                pendingSpace = []
                lastWasEncoded = true
                continue
            }
            let byte = value[index]
            if lastWasEncoded, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                // Held back until we know whether another encoded-word follows.
                pendingSpace.append(byte)
            } else {
                out += pendingSpace
                pendingSpace = []
                lastWasEncoded = false
                out.append(byte)
            }
            index += 1
        }
        out += pendingSpace
        return String(decoding: out, as: UTF8.self)
    }

    /// The UTF-8 bytes of the encoded-word starting at `start`, and the index after it; nil when there is none.
    private static func word(in value: [UInt8], at start: Int) throws -> ([UInt8], Int)? {
        guard start + 1 < value.count, value[start] == UInt8(ascii: "="), value[start + 1] == UInt8(ascii: "?") else { return nil }
        // =?charset?encoding?text?=  — the three parts hold no "?" and no spaces (RFC 2047 §2).
        var parts: [[UInt8]] = [[]]
        var index = start + 2
        while index < value.count {
            let byte = value[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { return nil }
            if byte == UInt8(ascii: "?") {
                if parts.count == 3 {
                    guard index + 1 < value.count, value[index + 1] == UInt8(ascii: "=") else { return nil }
                    break
                }
                parts.append([])
            } else {
                parts[parts.count - 1].append(byte)
            }
            index += 1
        }
        guard parts.count == 3, index < value.count else { return nil }
        // RFC 2231 §5 allows a language after "*" in the charset: "UTF-8*en".
        let charset = String(decoding: parts[0], as: UTF8.self).split(separator: "*").first.map(String.init) ?? ""
        let raw: [UInt8]
        switch String(decoding: parts[1], as: UTF8.self).lowercased() {
        case "q": raw = decodeQ(parts[2])
        case "b":
            guard let data = Data(base64Encoded: padded(parts[2])) else {
                throw StoreError.invalidInput("the encoded-word \"\(String(decoding: value[start...index + 1], as: UTF8.self))\" is not valid base64")
            }
            raw = Array(data)
        default: return nil
        }
        return (try Charset.utf8(raw, charset: charset), index + 2)
    }

    /// Q encoding (RFC 2047 §4.2): "_" is a space, "=XX" a byte.
    private static func decodeQ(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "_") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "="), index + 2 < text.count,
                      let high = ObjectID.nibble(text[index + 1]), let low = ObjectID.nibble(text[index + 2]) {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    /// Base64 text padded with "=" to a multiple of four, as Foundation requires.
    private static func padded(_ text: [UInt8]) -> String {
        var text = String(decoding: text, as: UTF8.self)
        while text.utf8.count % 4 != 0 { text += "=" }
        return text
    }

    /// Encodes `text` as Q-encoded UTF-8 words of at most 75 characters each (RFC 2047 §2), or returns it
    /// unchanged in one piece when it is printable ASCII. Words never split a UTF-8 sequence.
    static func encode(_ text: String) -> [String] {
        if text.utf8.allSatisfy({ (0x20..<0x7f).contains($0) }) && !text.contains("=?") { return [text] }
        let prefix = "=?UTF-8?q?", suffix = "?="
        let room = 75 - prefix.count - suffix.count
        var words: [String] = []
        var current = ""
        for character in text.unicodeScalars {
            var piece = ""
            for byte in String(character).utf8 {
                let isPlain = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "!*+-/".utf8.contains(byte)
                piece += isPlain ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
            }
            if current.count + piece.count > room {
                words.append(prefix + current + suffix)
                current = ""
            }
            current += piece
        }
        words.append(prefix + current + suffix)
        return words
    }
}
