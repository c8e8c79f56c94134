/// The allow-list sanitizer for raw HTML that appears in Markdown (block or inline fragments).
///
/// Nothing of the input is copied through as markup: the fragment is tokenized (`HTMLTokenizer`) and
/// the output is written anew from the tokens, so it holds only escaped text and allowed tags with
/// allowed, double-quoted, escaped attributes. Whatever a browser would make of broken input, it
/// cannot make more of the output than that.
public enum Sanitizer {
    /// Appends a safe version of the raw HTML `fragment` to `out`: allowed tags are re-serialized with
    /// their allowed attributes only (double-quoted, escaped, URLs checked by `URLPolicy`); anything
    /// else is escaped as text or dropped.
    public static func sanitize(_ fragment: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var unbalanced: Session?
        sanitize(fragment, into: &out, session: &unbalanced)
    }

    /// The sanitizer's loop; with a `session`, allowed elements are also kept balanced across calls.
    static func sanitize(_ fragment: ArraySlice<UInt8>, into out: inout [UInt8], session: inout Session?) {
        var tokenizer = HTMLTokenizer(fragment)
        while let token = tokenizer.next() {
            switch token {
            case .text(let range), .unterminated(let range):
                appendText(fragment[range], into: &out)
            case .startTag(let tag):
                if let removal = removedWithContent[tag.name] {
                    skipContent(of: tag, removal: removal, tokenizer: &tokenizer)
                } else if let attributes = allowedElements[tag.name], session?.open(tag.name) ?? true {
                    appendStartTag(tag, allowed: attributes, source: fragment, into: &out)
                }
                // Any other element is dropped and its content kept (as text and allowed tags).
            case .endTag(let name):
                guard allowedElements[name] != nil && !voidElements.contains(name) else { break }
                if session != nil {
                    session?.close(name, into: &out)
                } else {
                    appendEndTag(name, into: &out)
                }
            case .ignored:
                // Comments, doctypes, processing instructions and CDATA are dropped.
                break
            }
        }
    }

    static func appendEndTag(_ name: [UInt8], into out: inout [UInt8]) {
        out += [UInt8(ascii: "<"), UInt8(ascii: "/")] + name + [UInt8(ascii: ">")]
    }

    /// Convenience for tests and callers holding a `String`: the sanitized fragment as a `String`.
    public static func sanitize(_ fragment: String) -> String {
        var out: [UInt8] = []
        sanitize(Array(fragment.utf8)[...], into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Skips a removed element's content up to and including its end tag (or the end of the fragment).
    static func skipContent(of tag: HTMLTag, removal: Removal, tokenizer: inout HTMLTokenizer) {
        switch removal {
        case .rest:
            tokenizer.skipToEnd()
        case .rawText:
            tokenizer.skipRawText(closing: tag.name)
            _ = tokenizer.next()  // the end tag itself, or nil at the end
        case .markup:
            // `<svg/>` and `<math/>` are complete in foreign content; `<form/>` is not (the slash is ignored).
            let foreign = tag.name == Array("svg".utf8) || tag.name == Array("math".utf8)
            if tag.selfClosing && foreign { return }
            var depth = 1
            while depth > 0, let token = tokenizer.next() {
                switch token {
                case .startTag(let inner) where inner.name == tag.name && !(inner.selfClosing && foreign):
                    depth += 1
                case .endTag(let name) where name == tag.name:
                    depth -= 1
                default:
                    break
                }
            }
        }
    }

    /// Writes `<name attr="value" …>` with the attributes that are allowed and pass their checks.
    static func appendStartTag(_ tag: HTMLTag, allowed: [[UInt8]: AttributeKind], source: ArraySlice<UInt8>,
                               into out: inout [UInt8]) {
        out.append(UInt8(ascii: "<"))
        out += tag.name
        for attribute in tag.attributes {
            guard let kind = allowed[attribute.name] ?? globalAttributes[attribute.name] else { continue }
            let value = attribute.value.map { source[$0] } ?? []
            switch kind {
            case .link where !URLPolicy.isSafe(value, image: false),
                 .image where !URLPolicy.isSafe(value, image: true),
                 .imageSet where !isSafeImageSet(value):
                continue
            default:
                break
            }
            out.append(UInt8(ascii: " "))
            out += attribute.name
            out += [UInt8(ascii: "="), UInt8(ascii: "\"")]
            switch kind {
            case .flag:
                break
            case .identifier:
                out += Array(idPrefix.utf8)
                appendText(value, into: &out)
            default:
                appendText(value, into: &out)
            }
            out.append(UInt8(ascii: "\""))
        }
        out += tag.selfClosing ? Array(" />".utf8) : [UInt8(ascii: ">")]
    }

    /// Whether every candidate URL of a `srcset` passes `URLPolicy` as an image. A value holding a
    /// character reference is refused outright: the browser splits the list after decoding, and a
    /// `&#44;` must not smuggle a second candidate past this check.
    static func isSafeImageSet(_ value: ArraySlice<UInt8>) -> Bool {
        guard !value.contains(UInt8(ascii: "&")) else { return false }
        // HTML §4.8.4.3.3 (parse a srcset attribute): candidates are a URL (no whitespace; trailing
        // commas end the candidate) and optional descriptors up to the next comma.
        var index = value.startIndex
        while index < value.endIndex {
            while index < value.endIndex, isSpace(value[index]) || value[index] == UInt8(ascii: ",") { index += 1 }
            let urlStart = index
            while index < value.endIndex, !isSpace(value[index]) { index += 1 }
            var url = value[urlStart..<index]
            let endsCandidate = url.last == UInt8(ascii: ",")
            while url.last == UInt8(ascii: ",") { url = url.dropLast() }
            if !url.isEmpty && !URLPolicy.isSafe(url, image: true) { return false }
            if !endsCandidate {
                while index < value.endIndex, value[index] != UInt8(ascii: ",") { index += 1 }
            }
        }
        return true
    }

    /// Escapes text for element content or a double-quoted attribute: `< > "` always, `&` unless it
    /// starts a well-formed character reference, which is kept so `&copy;` still shows as ©.
    static func appendText(_ text: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var runStart = text.startIndex
        var index = text.startIndex
        while let ampersand = text[index...].firstIndex(of: UInt8(ascii: "&")) {
            guard let length = CharacterReferences.wellFormedLength(text, at: ampersand) else {
                index = ampersand + 1
                continue
            }
            HTMLEscaping.escapeText(text[runStart..<ampersand], into: &out)
            out += text[ampersand..<(ampersand + length)]
            index = ampersand + length
            runStart = index
        }
        HTMLEscaping.escapeText(text[runStart...], into: &out)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }
}
