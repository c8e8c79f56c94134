/// The one place text becomes HTML: cmark's houdini tables for text and for `href` values.
public enum HTMLEscaping {
    // 0: copy; 1: &amp; 2: &lt; 3: &gt; 4: &quot;
    private static let textTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        table[Int(UInt8(ascii: "&"))] = 1
        table[Int(UInt8(ascii: "<"))] = 2
        table[Int(UInt8(ascii: ">"))] = 3
        table[Int(UInt8(ascii: "\""))] = 4
        return table
    }()
    private static let replacements: [[UInt8]] = [[], Array("&amp;".utf8), Array("&lt;".utf8), Array("&gt;".utf8), Array("&quot;".utf8)]

    // houdini_href_e.c: bytes kept as they are in an href (alphanumerics and -_.+!*(),%#@?=;:/,$~ and ');
    // `&` and `'` become entities, every other byte is percent-encoded.
    private static let hrefSafe: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in Array("-_.+!*(),%#@?=;:/$~".utf8) { table[Int(c)] = true }
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(c)] = true }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(c)] = true }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(c)] = true }
        return table
    }()
    private static let hex: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Escapes `& < > "`; attributes are always written double-quoted, so `'` needs no escape.
    public static func escapeText(_ text: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var runStart = text.startIndex
        var i = text.startIndex
        let end = text.endIndex
        textTable.withUnsafeBufferPointer { table in
            while i < end {
                let kind = table[Int(text[i])]
                if kind != 0 {
                    if runStart < i { out.append(contentsOf: text[runStart..<i]) }
                    out.append(contentsOf: replacements[Int(kind)])
                    runStart = i + 1
                }
                i += 1
            }
        }
        if runStart < end { out.append(contentsOf: text[runStart..<end]) }
    }

    /// Escapes a URL for an `href` or `src` value as cmark does (houdini_escape_href): existing `%`
    /// escapes stay, unsafe bytes are percent-encoded, `&` and `'` become entities.
    public static func escapeHref(_ url: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var runStart = url.startIndex
        var i = url.startIndex
        let end = url.endIndex
        while i < end {
            let c = url[i]
            if !hrefSafe[Int(c)] {
                if runStart < i { out.append(contentsOf: url[runStart..<i]) }
                switch c {
                case UInt8(ascii: "&"): out.append(contentsOf: replacements[1])
                case UInt8(ascii: "'"): out.append(contentsOf: [38, 35, 120, 50, 55, 59])  // &#x27;
                default:
                    out.append(UInt8(ascii: "%"))
                    out.append(hex[Int(c >> 4)])
                    out.append(hex[Int(c & 15)])
                }
                runStart = i + 1
            }
            i += 1
        }
        if runStart < end { out.append(contentsOf: url[runStart..<end]) }
    }
}
