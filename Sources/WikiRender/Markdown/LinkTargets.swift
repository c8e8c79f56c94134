/// Where a document links, as written: the page part of a `[[Wiki Link]]`, or the destination of a
/// Markdown link or autolink (images are not links). Callers resolve these against their own pages.
public enum LinkTarget: Hashable, Sendable {
    /// `[[Page Name#Section|label]]` gives `Page Name` (trimmed); a link to a section of the same page gives none.
    case wiki(String)
    /// `[text](../db-failover#check)` gives `../db-failover#check` (entities and escapes decoded).
    case url(String)
}

extension Markdown {
    /// The links of `source` (front matter skipped when `options.frontMatter`), each distinct target once,
    /// in the order of the parser's node arena. Parses like `render` but writes no HTML.
    public static func linkTargets(_ source: [UInt8], options: MarkdownOptions = .wiki) -> [LinkTarget] {
        let source = source.count > maximumInputSize ? Array(source[..<maximumInputSize]) : source
        let body = options.frontMatter ? FrontMatter.split(source).body : source[...]
        var blocks = BlockParser(options: options, capacity: body.count)
        blocks.parse(body)
        let (document, refs) = blocks.finish()
        var inlines = InlineParser(document: document, refs: refs, options: options)
        inlines.parseAll()
        let parsed = inlines.finish()
        var seen = Set<LinkTarget>()
        var targets: [LinkTarget] = []
        for node in parsed.nodes where node.kind == .link || node.kind == .wikiLink {
            let text = parsed.bytes[Int(node.start)..<Int(node.end)]
            let target: LinkTarget
            if node.kind == .link {
                target = .url(String(decoding: text, as: UTF8.self))
            } else {
                // As `renderWikiLink` reads it: the page is what precedes `#`, trailing blanks removed.
                var page = text[..<(text.firstIndex(of: UInt8(ascii: "#")) ?? text.endIndex)]
                while let last = page.last, Scanner.isWhitespace(last) { page = page.dropLast() }
                guard !page.isEmpty else { continue }
                target = .wiki(String(decoding: page, as: UTF8.self))
            }
            if seen.insert(target).inserted { targets.append(target) }
        }
        return targets
    }
}
