/// The one place text becomes HTML: cmark's houdini table for `& < > "`.
public enum HTMLEscaping {
    /// Escapes `& < > "`; attributes are always written double-quoted, so `'` needs no escape.
    public static func escapeText(_ text: ArraySlice<UInt8>, into out: inout [UInt8]) {
        for byte in text {
            switch byte {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "\""): out += Array("&quot;".utf8)
            default: out.append(byte)
            }
        }
    }
}
