/// Markdown (CommonMark 0.31.2 + GFM + wiki extensions) to safe HTML.
public enum Markdown {
    /// Renders `source` (UTF-8 bytes) with `options`; `links` resolves `[[Wiki Link]]` targets.
    public static func render(
        _ source: [UInt8],
        options: MarkdownOptions = .wiki,
        links: (String) -> WikiLink? = { _ in nil }
    ) -> RenderedDocument {
        // Placeholder until the parser lands: the text, escaped, in one paragraph.
        var out: [UInt8] = Array("<p>".utf8)
        HTMLEscaping.escapeText(source[...], into: &out)
        out += Array("</p>\n".utf8)
        return RenderedDocument(html: SafeHTML(trusted: out), tableOfContents: [], frontMatter: nil)
    }

    /// Convenience for tests and templates: renders a `String` and returns the HTML as a `String`.
    public static func renderString(_ source: String, options: MarkdownOptions = .wiki) -> String {
        render(Array(source.utf8), options: options).html.string
    }
}
