/// Writes a parsed document as HTML (cmark html.c) with an iterative ENTER/EXIT walk over the arena,
/// so nesting depth never grows the call stack.
struct HTMLRenderer {
    let doc: Document
    let options: MarkdownOptions
    var out: [UInt8] = []
    var slugger = HeadingSlugger()
    var tableOfContents: [TOCEntry] = []
    /// Inside an image: descendants are written as plain alt text until this node exits.
    private var plainUntil: Int32 = -1
    private var tableBodyOpen = false

    init(document: Document, options: MarkdownOptions) {
        doc = document
        self.options = options
        out.reserveCapacity(document.bytes.count + document.bytes.count / 2 + 64)
    }

    /// Renders the whole document.
    mutating func render(links: (String) -> WikiLink?) {
        var node = Document.root
        var entering = true
        while true {
            let n = doc.nodes[Int(node)]
            if entering {
                enter(node, n, links: links)
                if n.firstChild >= 0 && n.kind != .wikiLink {
                    node = n.firstChild
                    continue
                }
            }
            exit(node, n)
            if node == Document.root { return }
            if n.next >= 0 {
                node = n.next
                entering = true
            } else {
                node = n.parent
                entering = false
            }
        }
    }

    private func literal(_ n: Node) -> ArraySlice<UInt8> { doc.bytes[Int(n.start)..<Int(n.end)] }

    private mutating func put(_ s: StaticString) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    private mutating func cr() {
        if let last = out.last, last != Scanner.newline { out.append(Scanner.newline) }
    }

    private mutating func enter(_ node: Int32, _ n: Node, links: (String) -> WikiLink?) {
        if plainUntil >= 0 {
            switch n.kind {
            case .text, .code, .htmlInline: HTMLEscaping.escapeText(literal(n), into: &out)
            case .softBreak, .lineBreak: out.append(Scanner.space)
            case .wikiLink: HTMLEscaping.escapeText(doc.bytes[Int(n.extraStart)..<Int(n.extraEnd)], into: &out)
            default: break
            }
            return
        }
        switch n.kind {
        case .document: break
        case .blockQuote: cr(); put("<blockquote>\n")
        case .list:
            cr()
            if n.flags.contains(.ordered) {
                if n.number == 1 { put("<ol>\n") } else {
                    put("<ol start=\""); out.append(contentsOf: Array(String(n.number).utf8)); put("\">\n")
                }
            } else {
                put("<ul>\n")
            }
        case .item:
            cr(); put("<li>")
            if n.flags.contains(.task) {
                if n.flags.contains(.checked) { put("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> ") }
                else { put("<input type=\"checkbox\" disabled=\"\" /> ") }
            }
        case .heading: enterHeading(node, n)
        case .codeBlock:
            cr()
            var language: CodeLanguage? = nil
            if n.extraEnd > n.extraStart {
                var end = Int(n.extraStart)
                while end < Int(n.extraEnd) && !Scanner.isWhitespace(doc.bytes[end]) { end += 1 }
                let name = doc.bytes[Int(n.extraStart)..<end]
                put("<pre><code class=\"language-")
                HTMLEscaping.escapeText(name, into: &out)
                put("\">")
                if options.highlightCode { language = CodeLanguage(name: name) }
            } else {
                put("<pre><code>")
            }
            if let language {
                Highlighter.highlight(literal(n), as: language, into: &out)
            } else {
                HTMLEscaping.escapeText(literal(n), into: &out)
            }
            put("</code></pre>\n")
        case .htmlBlock:
            cr(); rawHTML(literal(n)); cr()
        case .paragraph:
            if !isTight(n) { cr(); put("<p>") }
        case .thematicBreak: cr(); put("<hr />\n")
        case .table: cr(); put("<table>\n"); tableBodyOpen = false
        case .tableRow:
            cr()
            if n.flags.contains(.header) { put("<thead>\n") } else if !tableBodyOpen { put("<tbody>\n"); tableBodyOpen = true }
            put("<tr>")
        case .tableCell:
            cr()
            let header = doc.nodes[Int(n.parent)].flags.contains(.header)
            put(header ? "<th" : "<td")
            switch n.number {
            case 1: put(" align=\"left\"")
            case 2: put(" align=\"center\"")
            case 3: put(" align=\"right\"")
            default: break
            }
            out.append(UInt8(ascii: ">"))
        case .text: HTMLEscaping.escapeText(literal(n), into: &out)
        case .softBreak: out.append(Scanner.newline)
        case .lineBreak: put("<br />\n")
        case .code: put("<code>"); HTMLEscaping.escapeText(literal(n), into: &out); put("</code>")
        case .htmlInline: rawHTML(literal(n))
        case .emphasis: put("<em>")
        case .strong: put("<strong>")
        case .strikethrough: put("<del>")
        case .link:
            put("<a href=\"")
            url(n, image: false)
            put("\"")
            title(n)
            out.append(UInt8(ascii: ">"))
        case .image:
            put("<img src=\"")
            url(n, image: true)
            put("\" alt=\"")
            plainUntil = node
        case .wikiLink: renderWikiLink(n, links: links)
        }
    }

    private mutating func exit(_ node: Int32, _ n: Node) {
        if plainUntil >= 0 {
            guard node == plainUntil else { return }
            plainUntil = -1
            put("\"")
            title(n)
            put(" />")
            return
        }
        switch n.kind {
        case .blockQuote: cr(); put("</blockquote>\n")
        case .list: put(n.flags.contains(.ordered) ? "</ol>\n" : "</ul>\n")
        case .item: put("</li>\n")
        case .heading:
            put("</h"); out.append(UInt8(ascii: "0") + UInt8(n.number)); put(">\n")
        case .paragraph: if !isTight(n) { put("</p>\n") }
        case .table:
            if tableBodyOpen { cr(); put("</tbody>\n") }
            cr(); put("</table>\n")
            tableBodyOpen = false
        case .tableRow:
            cr(); put("</tr>")
            if n.flags.contains(.header) { cr(); put("</thead>") }
        case .tableCell:
            put(doc.nodes[Int(n.parent)].flags.contains(.header) ? "</th>" : "</td>")
        case .emphasis: put("</em>")
        case .strong: put("</strong>")
        case .strikethrough: put("</del>")
        case .link: put("</a>")
        default: break
        }
    }

    /// A paragraph directly inside an item of a tight list is written without `<p>`.
    private func isTight(_ n: Node) -> Bool {
        guard n.parent >= 0, doc.nodes[Int(n.parent)].kind == .item else { return false }
        let list = doc.nodes[Int(n.parent)].parent
        return list >= 0 && doc.nodes[Int(list)].flags.contains(.tight)
    }

    private mutating func url(_ n: Node, image: Bool) {
        let value = literal(n)
        // Safe mode, like cmark without --unsafe: a URL the policy rejects becomes empty.
        guard options.unsafeHTML || URLPolicy.isSafe(value, image: image) else { return }
        HTMLEscaping.escapeHref(value, into: &out)
    }

    private mutating func title(_ n: Node) {
        guard n.extraEnd > n.extraStart else { return }
        put(" title=\"")
        HTMLEscaping.escapeText(doc.bytes[Int(n.extraStart)..<Int(n.extraEnd)], into: &out)
        put("\"")
    }

    private mutating func rawHTML(_ html: ArraySlice<UInt8>) {
        if !options.unsafeHTML {
            Sanitizer.sanitize(html, into: &out)
        } else if options.extensions.contains(.tagfilter) {
            TagFilter.filter(html, into: &out)
        } else {
            out.append(contentsOf: html)
        }
    }

    private mutating func enterHeading(_ node: Int32, _ n: Node) {
        cr()
        put("<h")
        out.append(UInt8(ascii: "0") + UInt8(n.number))
        guard options.headingIDs else { out.append(UInt8(ascii: ">")); return }
        let title = plainText(of: node)
        let id = slugger.slug(for: title)
        tableOfContents.append(TOCEntry(level: Int(n.number), title: title, id: id))
        put(" id=\"")
        HTMLEscaping.escapeText(Array(id.utf8)[...], into: &out)
        put("\"><a class=\"anchor\" href=\"#")
        HTMLEscaping.escapeHref(Array(id.utf8)[...], into: &out)
        put("\" aria-hidden=\"true\"></a>")
    }

    /// The text of a heading's inlines (text, code and link labels; raw HTML left out).
    private func plainText(of node: Int32) -> String {
        var bytes: [UInt8] = []
        var stack: [Int32] = []
        var child = doc.nodes[Int(node)].lastChild
        while child >= 0 { stack.append(child); child = doc.nodes[Int(child)].prev }
        while let current = stack.popLast() {
            let n = doc.nodes[Int(current)]
            switch n.kind {
            case .text, .code: bytes.append(contentsOf: doc.bytes[Int(n.start)..<Int(n.end)])
            case .softBreak, .lineBreak: bytes.append(Scanner.space)
            case .wikiLink: bytes.append(contentsOf: doc.bytes[Int(n.extraStart)..<Int(n.extraEnd)])
            default:
                var c = n.lastChild
                while c >= 0 { stack.append(c); c = doc.nodes[Int(c)].prev }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
