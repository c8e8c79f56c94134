import CLibFuzzer
import Glibc
import WikiRender

/// libFuzzer's entry point: renders the input as a wiki page, sanitizes it as raw HTML (in one
/// piece, and line by line through a `Sanitizer.Session`), highlights it in every language, and traps
/// when either output breaks the safety invariant (`OutputInvariant`). Renders must never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func renderFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    RenderFuzz.check(input)
    return 0
}

/// The checks one input goes through, shared by the fuzzer and the replay executable.
enum RenderFuzz {
    static func check(_ input: [UInt8]) {
        let document = Markdown.render(input, options: .wiki) { name in
            WikiLink(href: "/wiki/" + name, exists: name.count % 2 == 0)
        }
        if let violation = OutputInvariant.violation(in: document.html.bytes) {
            fatalError("Markdown.render(.wiki) output breaks the invariant: \(violation)")
        }
        var sanitized: [UInt8] = []
        Sanitizer.sanitize(input[...], into: &sanitized)
        if let violation = OutputInvariant.violation(in: sanitized) {
            fatalError("Sanitizer output breaks the invariant: \(violation)")
        }
        // A session fed line by line, as a renderer feeds it HTML blocks and inline tags.
        var session = Sanitizer.Session()
        var balanced: [UInt8] = []
        for line in input.split(separator: 0x0A, omittingEmptySubsequences: false) {
            session.sanitize(line, into: &balanced)
        }
        session.finish(into: &balanced)
        if let violation = OutputInvariant.violation(in: balanced) {
            fatalError("Sanitizer.Session output breaks the invariant: \(violation)")
        }
        checkOtherParsers(input)
        checkHighlighter(input)
    }

    /// Every tokenizer on the raw input: the HTML must keep the invariant, contain no tag but the
    /// highlight spans, and read (spans removed) exactly as the escaped input.
    static func checkHighlighter(_ input: [UInt8]) {
        var escaped: [UInt8] = []
        HTMLEscaping.escapeText(input[...], into: &escaped)
        for language in CodeLanguage.allCases {
            var html: [UInt8] = []
            Highlighter.highlight(input[...], as: language, into: &html)
            if let violation = OutputInvariant.violation(in: html) {
                fatalError("Highlighter(\(language)) output breaks the invariant: \(violation)")
            }
            guard HighlightSpans.text(of: html) == escaped else {
                fatalError("Highlighter(\(language)) output is not the escaped input inside highlight spans")
            }
        }
    }

    /// The other parsers of untrusted or semi-trusted text must not crash or hang on any input:
    /// front matter and heading text come from pages, templates from a theme directory.
    static func checkOtherParsers(_ input: [UInt8]) {
        if let frontMatter = FrontMatter.split(input).frontMatter {
            precondition(frontMatter.entries.count <= FrontMatter.Limits.maxEntries, "front matter entry limit")
        }
        let text = String(decoding: input, as: UTF8.self)
        var slugger = HeadingSlugger()
        let first = slugger.slug(for: text)
        let second = slugger.slug(for: text)
        precondition(!first.isEmpty && first != second, "slugs must be non-empty and unique")
        let context: TemplateValue = ["title": "<script>x</script>", "url": "javascript:alert(1)", "on": true,
                                      "items": ["a", ["title": "b"]], "body": .safeHTML(SafeHTML(escaping: "<b>"))]
        if let template = try? Template(name: "fuzz", source: text),
           let html = try? template.render(context, partials: ["fuzz": template]) {
            _ = html.bytes.count
        }
    }
}

/// The executable's entry point. Built with `-sanitize=fuzzer -DFUZZING` it hands over to libFuzzer's
/// driver (SwiftPM makes this `main`, so libFuzzer's own `main` is not linked); in a plain build it
/// replays files: each argument (a crash reproducer or a corpus entry) goes through the same checks.
@main
struct RenderFuzzMain {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in renderFuzzTestOneInput(data, size) })
        #else
        let failures = OutputInvariant.selfCheck()
        guard failures.isEmpty else {
            print("the invariant checker missed: \(failures)")
            exit(1)
        }
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            guard let file = fopen(path, "rb") else {
                print("cannot open \(path)")
                exit(1)
            }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while case let read = fread(&buffer, 1, buffer.count, file), read > 0 { bytes += buffer[..<read] }
            fclose(file)
            RenderFuzz.check(bytes)
            count += 1
        }
        print("replayed \(count) input(s): invariant holds")
        #endif
    }
}
