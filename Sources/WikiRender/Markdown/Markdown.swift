/// Markdown (CommonMark 0.31.2 + GFM + wiki extensions) to safe HTML.
public enum Markdown {
    /// The largest input rendered, in bytes (node links and text ranges are 32-bit); callers reject
    /// larger documents, and `render` renders only this many bytes of one.
    public static let maximumInputSize = 64 * 1024 * 1024

    /// Renders `source` (UTF-8 bytes) with `options`; `links` resolves `[[Wiki Link]]` targets.
    public static func render(
        _ source: [UInt8],
        options: MarkdownOptions = .wiki,
        links: (String) -> WikiLink? = { _ in nil }
    ) -> RenderedDocument {
        let source = source.count > maximumInputSize ? Array(source[..<maximumInputSize]) : source
        var body = source[...]
        var frontMatter: FrontMatter? = nil
        if options.frontMatter {
            let split = FrontMatter.split(source)
            frontMatter = split.frontMatter
            body = split.body
        }
        var blocks = BlockParser(options: options, capacity: body.count)
        blocks.parse(body)
        let (document, refs) = blocks.finish()
        var inlines = InlineParser(document: document, refs: refs, options: options)
        inlines.parseAll()
        var renderer = HTMLRenderer(document: inlines.finish(), options: options)
        renderer.render(links: links)
        return RenderedDocument(html: SafeHTML(trusted: renderer.out), tableOfContents: renderer.tableOfContents,
                                frontMatter: frontMatter)
    }

    /// Convenience for tests and templates: renders a `String` and returns the HTML as a `String`.
    public static func renderString(_ source: String, options: MarkdownOptions = .wiki) -> String {
        render(Array(source.utf8), options: options).html.string
    }
}
