extension Sanitizer {
    /// Sanitizes the raw HTML fragments of one document and keeps the allowed elements they open
    /// balanced: an end tag with no matching open element is dropped, one that skips open elements
    /// closes them first, and `finish(into:)` closes whatever is still open. So a page's raw HTML
    /// cannot close the theme's own elements (`</main>`, `</div></div>`) or leave them unclosed.
    ///
    /// A session only sees its own fragments, not the Markdown renderer's tags between them, and it
    /// does not redo HTML's implied end tags (`<p>` before `<div>`); at worst it writes an end tag the
    /// browser ignores.
    public struct Session: Sendable {
        /// Elements nested deeper than this are dropped (their content kept).
        public static let maxDepth = 256

        /// The allowed elements opened so far and not yet closed, innermost last.
        private var openElements: [[UInt8]] = []

        /// A session that has opened nothing.
        public init() {}

        /// Appends a safe version of `fragment` to `out`, as `Sanitizer.sanitize(_:into:)` does, with
        /// end tags balanced against the elements this session has opened.
        public mutating func sanitize(_ fragment: ArraySlice<UInt8>, into out: inout [UInt8]) {
            var session: Session? = self
            Sanitizer.sanitize(fragment, into: &out, session: &session)
            if let session { self = session }
        }

        /// Closes every element still open (innermost first); call once at the end of the document.
        public mutating func finish(into out: inout [UInt8]) {
            while let name = openElements.popLast() { Sanitizer.appendEndTag(name, into: &out) }
        }

        /// Records an allowed start tag; false when it must be dropped (too deep).
        mutating func open(_ name: [UInt8]) -> Bool {
            if voidElements.contains(name) { return true }
            guard openElements.count < Self.maxDepth else { return false }
            openElements.append(name)
            return true
        }

        /// Writes the end tag of `name` if this session opened it, after closing those opened inside it.
        mutating func close(_ name: [UInt8], into out: inout [UInt8]) {
            guard let index = openElements.lastIndex(of: name) else { return }
            while openElements.count > index, let inner = openElements.popLast() {
                Sanitizer.appendEndTag(inner, into: &out)
            }
        }
    }
}
