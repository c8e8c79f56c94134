/// The allow-lists: which elements survive, which attributes each may keep, and which elements are
/// removed together with everything inside them. Modelled on GitHub's sanitization filter
/// (html-pipeline `SanitizationFilter`), narrowed where noted.
extension Sanitizer {
    /// How an allowed attribute's value is checked before it is written.
    enum AttributeKind {
        /// Any text (escaped).
        case text
        /// A link target: `URLPolicy` with `image: false`.
        case link
        /// An image source: `URLPolicy` with `image: true`.
        case image
        /// A `srcset` list of image candidates, each checked as `.image`.
        case imageSet
        /// An `id` or `name`: prefixed with `idPrefix`, as GitHub does, so page content can neither
        /// collide with the theme's own ids nor clobber DOM globals (`<img name="getElementById">`).
        case identifier
        /// A boolean attribute: written as `name=""` whatever its value.
        case flag
    }

    /// The prefix given to every `id` and `name` from raw HTML (GitHub's is the same).
    public static let idPrefix = "user-content-"

    /// Elements kept, with their own attributes beyond `globalAttributes`.
    static let allowedElements: [[UInt8]: [[UInt8]: AttributeKind]] = {
        let plain = [
            "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "br", "hr", "b", "i", "u", "strong", "em",
            "code", "pre", "ul", "dl", "dt", "dd", "thead", "tbody", "tfoot", "tr", "caption",
            "sup", "sub", "kbd", "s", "strike", "summary", "abbr", "picture", "figure", "figcaption", "tt",
            "samp", "var", "ruby", "rt", "rp", "bdo", "cite", "dfn", "mark", "small", "wbr", "center",
        ]
        var elements: [String: [String: AttributeKind]] = Dictionary(uniqueKeysWithValues: plain.map { ($0, [:]) })
        elements["a"] = ["href": .link, "name": .identifier]
        elements["img"] = ["src": .image, "srcset": .imageSet, "alt": .text, "width": .text, "height": .text]
        elements["source"] = ["srcset": .imageSet, "media": .text, "type": .text, "sizes": .text,
                              "width": .text, "height": .text]
        elements["ol"] = ["start": .text, "type": .text, "reversed": .flag]
        elements["ul"] = ["type": .text]
        elements["li"] = ["value": .text, "type": .text]
        elements["table"] = ["width": .text, "border": .text, "cellpadding": .text, "cellspacing": .text]
        let cell: [String: AttributeKind] = ["colspan": .text, "rowspan": .text, "width": .text, "height": .text,
                                             "valign": .text, "nowrap": .flag]
        elements["td"] = cell
        elements["th"] = cell.merging(["scope": .text, "abbr": .text]) { $1 }
        elements["col"] = ["span": .text, "width": .text]
        elements["colgroup"] = ["span": .text, "width": .text]
        elements["blockquote"] = ["cite": .link]
        elements["q"] = ["cite": .link]
        elements["del"] = ["cite": .link, "datetime": .text]
        elements["ins"] = ["cite": .link, "datetime": .text]
        elements["time"] = ["datetime": .text]
        elements["details"] = ["open": .flag]
        return Dictionary(uniqueKeysWithValues: elements.map { name, attributes in
            (Array(name.utf8), Dictionary(uniqueKeysWithValues: attributes.map { (Array($0.key.utf8), $0.value) }))
        })
    }()

    /// Attributes every allowed element may keep. `class` and `style` are not among them: `style` can
    /// carry `url(…)` and hide or overlay content, and `class` would let a page borrow the theme's
    /// styles to imitate its banners and controls (GitHub strips both too).
    static let globalAttributes: [[UInt8]: AttributeKind] = keyedByBytes([
        ("id", .identifier), ("title", .text), ("lang", .text), ("dir", .text), ("align", .text),
        ("aria-label", .text), ("aria-hidden", .text),
    ])

    /// How a removed element's content is skipped.
    enum Removal {
        /// Raw text (the browser does not parse tags inside): skip to the matching end tag.
        case rawText
        /// Markup: skip nested elements of the same name until the matching end tag.
        case markup
        /// Everything to the end of the fragment (`plaintext` has no end tag).
        case rest
    }

    /// Elements removed with everything inside them. `svg` and `math` are here because foreign
    /// content parses differently (`<svg><style>` is not raw text), the classic source of mutation XSS,
    /// and GitHub drops them as well; `textarea`, `title` and `select` would only show confusing text.
    static let removedWithContent: [[UInt8]: Removal] = keyedByBytes([
        ("script", .rawText), ("style", .rawText), ("iframe", .rawText), ("noscript", .rawText),
        ("noembed", .rawText), ("noframes", .rawText), ("xmp", .rawText), ("textarea", .rawText),
        ("title", .rawText), ("plaintext", .rest), ("object", .markup), ("applet", .markup),
        ("form", .markup), ("template", .markup), ("svg", .markup), ("math", .markup),
        ("select", .markup), ("frameset", .markup),
    ])

    /// Elements that never have content or an end tag (HTML §13.1.2); their end tags are dropped.
    static let voidElements: Set<[UInt8]> = Set([
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr",
    ].map { Array($0.utf8) })

    /// A table keyed by the UTF-8 bytes of its names, which is how the tokenizer hands names over.
    private static func keyedByBytes<Value>(_ pairs: [(String, Value)]) -> [[UInt8]: Value] {
        Dictionary(uniqueKeysWithValues: pairs.map { (Array($0.0.utf8), $0.1) })
    }
}
