/// Media types of attachments by file extension, and which of them a browser would run as a document.
enum ContentTypes {
    /// A media type and whether a browser would execute or render it as an active document (HTML, SVG, XML, script).
    struct Entry: Equatable {
        var mediaType: String
        var isActive: Bool
    }

    /// What an unknown extension is served as.
    static let fallback = Entry(mediaType: "application/octet-stream", isActive: false)

    private static let table: [String: Entry] = [
        "png": .init(mediaType: "image/png", isActive: false),
        "jpg": .init(mediaType: "image/jpeg", isActive: false),
        "jpeg": .init(mediaType: "image/jpeg", isActive: false),
        "gif": .init(mediaType: "image/gif", isActive: false),
        "webp": .init(mediaType: "image/webp", isActive: false),
        "avif": .init(mediaType: "image/avif", isActive: false),
        "ico": .init(mediaType: "image/x-icon", isActive: false),
        "bmp": .init(mediaType: "image/bmp", isActive: false),
        "pdf": .init(mediaType: "application/pdf", isActive: false),
        "txt": .init(mediaType: "text/plain; charset=utf-8", isActive: false),
        "log": .init(mediaType: "text/plain; charset=utf-8", isActive: false),
        "csv": .init(mediaType: "text/csv; charset=utf-8", isActive: false),
        "json": .init(mediaType: "application/json", isActive: false),
        "md": .init(mediaType: "text/markdown; charset=utf-8", isActive: false),
        "yaml": .init(mediaType: "text/plain; charset=utf-8", isActive: false),
        "yml": .init(mediaType: "text/plain; charset=utf-8", isActive: false),
        "zip": .init(mediaType: "application/zip", isActive: false),
        "gz": .init(mediaType: "application/gzip", isActive: false),
        "tar": .init(mediaType: "application/x-tar", isActive: false),
        "mp4": .init(mediaType: "video/mp4", isActive: false),
        "webm": .init(mediaType: "video/webm", isActive: false),
        "mp3": .init(mediaType: "audio/mpeg", isActive: false),
        "woff2": .init(mediaType: "font/woff2", isActive: false),
        // Active types: served for download only (plus the sandbox CSP every attachment gets).
        "html": .init(mediaType: "text/html; charset=utf-8", isActive: true),
        "htm": .init(mediaType: "text/html; charset=utf-8", isActive: true),
        "xhtml": .init(mediaType: "application/xhtml+xml", isActive: true),
        "svg": .init(mediaType: "image/svg+xml", isActive: true),
        "xml": .init(mediaType: "application/xml", isActive: true),
        "xsl": .init(mediaType: "application/xml", isActive: true),
        "js": .init(mediaType: "text/javascript; charset=utf-8", isActive: true),
        "mjs": .init(mediaType: "text/javascript; charset=utf-8", isActive: true),
        "css": .init(mediaType: "text/css; charset=utf-8", isActive: true),
        "swf": .init(mediaType: "application/x-shockwave-flash", isActive: true),
    ]

    /// The entry for `path`'s extension (case-insensitive), or `fallback`.
    static func type(for path: String) -> Entry {
        let last = path.split(separator: "/").last ?? Substring(path)
        guard let dot = last.lastIndex(of: ".") else { return fallback }
        return table[last[last.index(after: dot)...].lowercased()] ?? fallback
    }

    /// `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 §4.3): an ASCII fallback name without quotes
    /// or controls, and the exact name percent-encoded.
    static func attachmentDisposition(fileName: String) -> String {
        let ascii = String(fileName.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && scalar.value >= 0x20 && scalar != "\"" && scalar != "\\" && scalar.value != 0x7F
                ? Character(scalar) : "_"
        })
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''" + PercentEncoding.encodeQueryValue(fileName)
    }
}
