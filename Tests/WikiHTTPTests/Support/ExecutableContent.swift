import Foundation

/// Finds what would let HTML run script, read the way a browser tokenizes tags (quoted attribute values
/// respected, character references decoded, whitespace and controls dropped from URLs): `<script>`
/// other than the theme's own, elements that run or embed code, `on…` handlers, script URLs,
/// `srcdoc`, refresh redirects and CSS expressions. Used on every page the XSS corpus reaches.
enum ExecutableContent {
    /// The theme's one script element (the CSP allows only /static).
    static let themeScript = "<script src=\"/static/app.js\" defer></script>"

    private static let codeElements: Set<String> = [
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "base", "style",
        "template", "isindex", "xmp", "noscript", "plaintext", "portal",
    ]
    private static let urlAttributes: Set<String> = [
        "href", "src", "srcset", "cite", "action", "formaction", "background", "poster", "data", "codebase",
        "longdesc", "usemap", "dynsrc", "lowsrc", "xlink:href", "manifest", "ping", "icon", "profile", "classid",
        "archive", "to", "from", "values",
    ]

    /// The first executable construct in `html`, described, or nil when there is none.
    static func find(in html: String) -> String? {
        let bytes = Array(html.replacingOccurrences(of: themeScript, with: "").utf8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count else { index += 1; continue }
            var nameStart = index + 1
            if bytes[nameStart] == UInt8(ascii: "/") { nameStart += 1 }
            var nameEnd = nameStart
            while nameEnd < bytes.count, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
            guard nameEnd > nameStart, isLetter(bytes[nameStart]) else { index += 1; continue }
            let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self).lowercased()
            if codeElements.contains(name) { return "a <\(name)> element at byte \(index)" }
            let (end, attributes) = scanAttributes(bytes, from: nameEnd)
            for (attribute, value) in attributes {
                if let problem = check(attribute: attribute, value: value, element: name) {
                    return "\(problem) in <\(name)> at byte \(index)"
                }
            }
            index = end
        }
        return nil
    }

    private static func check(attribute: String, value: String, element: String) -> String? {
        if attribute.hasPrefix("on") { return "event handler \(attribute)" }
        if attribute == "srcdoc" { return "srcdoc" }
        let url = decode(value).unicodeScalars.filter { $0.value > 0x20 }.map(String.init).joined().lowercased()
        if urlAttributes.contains(attribute) || attribute == "content" || attribute == "style" {
            for scheme in ["javascript:", "vbscript:", "livescript:"] where url.contains(scheme) {
                return "\(scheme) URL in \(attribute)"
            }
            if url.hasPrefix("data:") && !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(where: url.hasPrefix) {
                return "data: URL \(url.prefix(30)) in \(attribute)"
            }
        }
        if attribute == "style", url.contains("expression(") || url.contains("url(") { return "CSS expression or url() in style" }
        if attribute == "http-equiv", url == "refresh" { return "refresh redirect" }
        return nil
    }

    /// The attributes of a tag starting at `start` (after its name), and the index after its `>`.
    private static func scanAttributes(_ bytes: [UInt8], from start: Int) -> (Int, [(String, String)]) {
        var attributes: [(String, String)] = []
        var index = start
        while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
            while index < bytes.count, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
            let nameStart = index
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="),
                  bytes[index] != UInt8(ascii: ">"), index == nameStart || bytes[index] != UInt8(ascii: "/") { index += 1 }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                if !name.isEmpty { attributes.append((name, "")) }
                continue
            }
            index += 1
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            var value: ArraySlice<UInt8> = []
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                let quote = bytes[index]
                let close = bytes[(index + 1)...].firstIndex(of: quote) ?? bytes.count
                value = bytes[(index + 1)..<close]
                index = min(close + 1, bytes.count)
            } else {
                let valueStart = index
                while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                value = bytes[valueStart..<index]
            }
            attributes.append((name, String(decoding: value, as: UTF8.self)))
        }
        return (min(index + 1, bytes.count), attributes)
    }

    /// Decodes numeric references and the named ones that spell URL syntax, as a browser does in attributes.
    static func decode(_ value: String) -> String {
        var out = ""
        var rest = Substring(value)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            var consumed = false
            for (name, text) in [("colon;", ":"), ("tab;", "\t"), ("newline;", "\n"), ("lpar;", "("), ("rpar;", ")"),
                                 ("quot;", "\""), ("amp;", "&"), ("lt;", "<"), ("gt;", ">")]
            where after.lowercased().hasPrefix(name) {
                out += text
                rest = after.dropFirst(name.count)
                consumed = true
                break
            }
            if consumed { continue }
            if after.hasPrefix("#") {
                let body = after.dropFirst()
                let hex = body.first == "x" || body.first == "X"
                let digits = (hex ? body.dropFirst() : body).prefix { hex ? $0.isHexDigit : $0.isNumber }
                if !digits.isEmpty, let number = UInt32(digits.prefix(10), radix: hex ? 16 : 10), let scalar = Unicode.Scalar(number) {
                    out.unicodeScalars.append(scalar)
                    var remaining = (hex ? body.dropFirst() : body).dropFirst(digits.count)
                    if remaining.first == ";" { remaining = remaining.dropFirst() }
                    rest = remaining
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }

    private static func isNameByte(_ c: UInt8) -> Bool { isLetter(c) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: ":") }
    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (0x09...0x0D).contains(c) }
}
