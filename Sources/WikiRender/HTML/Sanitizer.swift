/// The allow-list sanitizer for raw HTML that appears in Markdown (block or inline fragments).
public enum Sanitizer {
    /// Appends a safe version of the raw HTML `fragment` to `out`: allowed tags are re-serialized with
    /// their allowed attributes only (double-quoted, escaped, URLs checked by `URLPolicy`); anything
    /// else is escaped as text or dropped.
    public static func sanitize(_ fragment: ArraySlice<UInt8>, into out: inout [UInt8]) {
        HTMLEscaping.escapeText(fragment, into: &out)  // placeholder: escape everything
    }
}
