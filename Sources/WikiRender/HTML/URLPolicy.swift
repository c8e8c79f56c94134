/// Which URLs may appear in `href` and `src`: http, https, mailto, relative and `#` only.
public enum URLPolicy {
    /// Whether `url` (as written in the source, entities already decoded) is safe to emit.
    /// `image` also allows `data:image/png|gif|jpeg|webp`.
    ///
    /// The scheme is decided the way a browser would see it, and then some: HTML character references
    /// are decoded again (named and numeric, with or without `;`), ASCII tab and newline are removed
    /// everywhere and C0 controls and spaces are stripped from the start (WHATWG URL §4.4, basic URL
    /// parser, steps 1–3). Decoding twice can only reveal more of a scheme, never hide one, so a
    /// double-escaped URL errs on the side of being rejected.
    public static func isSafe(_ url: some Collection<UInt8>, image: Bool) -> Bool {
        let bytes = normalized(url)
        // WHATWG URL: a scheme ends at the first ":"; a "/", "?" or "#" before it makes the URL relative.
        guard let end = bytes.firstIndex(where: { isDelimiter($0) }), bytes[end] == UInt8(ascii: ":") else {
            return true
        }
        let scheme = bytes[..<end].map(lowercased)
        switch scheme {
        case Array("http".utf8), Array("https".utf8), Array("mailto".utf8):
            return true
        case Array("data".utf8):
            return image && isImageData(bytes[(end + 1)...])
        default:
            // Any other scheme, and any "scheme" with characters a scheme cannot hold, is refused.
            return false
        }
    }

    /// The MIME types a `data:` image may have: raster formats that cannot carry script (not SVG).
    static let imageTypes: [[UInt8]] = ["image/png", "image/gif", "image/jpeg", "image/webp"].map { Array($0.utf8) }

    /// Whether the part after `data:` starts with an allowed image MIME type followed by `;` or `,`.
    static func isImageData(_ rest: ArraySlice<UInt8>) -> Bool {
        // WHATWG fetch §data: URLs: the MIME type runs to the first ",", is trimmed, parameters follow ";".
        guard let comma = rest.firstIndex(of: UInt8(ascii: ",")) else { return false }
        let header = rest[..<comma]
        let essenceEnd = header.firstIndex(of: UInt8(ascii: ";")) ?? header.endIndex
        let essence = header[..<essenceEnd].drop(while: { $0 == 0x20 }).reversed().drop(while: { $0 == 0x20 })
        let type = essence.reversed().map(lowercased)
        return imageTypes.contains(type)
    }

    /// The URL as a browser's URL parser sees it: references decoded, tab/newline removed, leading
    /// C0 controls and spaces stripped. Non-ASCII characters become the byte 0xFF (none can be part of
    /// a scheme, which is all this is used for).
    static func normalized(_ url: some Collection<UInt8>) -> [UInt8] {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(url.count)
        CharacterReferences.decodeForScheme(Array(url), into: &decoded)
        var out: [UInt8] = []
        out.reserveCapacity(decoded.count)
        for byte in decoded {
            if byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            if out.isEmpty && byte <= 0x20 { continue }
            out.append(byte)
        }
        return out
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ":") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte + 32 : byte
    }
}
