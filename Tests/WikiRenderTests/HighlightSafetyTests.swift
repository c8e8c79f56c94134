import Testing
@testable import WikiRender

@Suite("Highlighting: escaping, hostile input, and where it is switched on")
struct HighlightSafetyTests {
    static let hostile = [
        "</code></pre><script>alert(1)</script>",
        "echo \"</code><script>alert(1)</script>\" # <img src=x onerror=alert(1)>",
        "x: '<svg onload=alert(1)>'\n# <script>\n- \"&lt;script&gt;\"",
        "cat <<EOF\n</pre><script>alert(document.cookie)</script>\nEOF\n",
        "SELECT '<script>' -- </code>\n/* <iframe src=javascript:alert(1)> */ $$<b>$$",
        "s = \"\"\"</code>\n<script>\"\"\" # <a href=\"javascript:alert(1)\">",
        "x := `</code>\n<script>` // <!-- -->",
        "a = \"${\"<script>\"}\" <<EOT\n<script>\nEOT\n",
        "k = '''<script>''' # \"&amp;\"",
        "RUN echo '<script>' && \\\n  curl \"$URL<script>\"",
    ]

    @Test("Hostile text in code of every language comes out escaped, inside highlight spans only")
    func hostileCode() {
        for language in CodeLanguage.allCases {
            for code in Self.hostile {
                let html = Highlighter.highlight(code, as: language).bytes
                #expect(highlightProblem(html, input: Array(code.utf8)) == nil, "\(language): \(code)")
                #expect(!String(decoding: html, as: UTF8.self).lowercased().contains("<script"), "\(language): \(code)")
            }
        }
    }

    @Test("The exact HTML for a hostile shell line")
    func hostileShellExact() {
        #expect(highlighted("echo \"</code><script>\" # <b>", .shell)
            == "<span class=\"hl-builtin\">echo</span> <span class=\"hl-string\">&quot;&lt;/code&gt;&lt;script&gt;&quot;</span> "
            + "<span class=\"hl-comment\"># &lt;b&gt;</span>")
    }

    @Test("Random bytes in every language: only highlight spans, and the text is exactly the escaped input")
    func randomBytes() {
        let alphabet = Array("\"'`$#{}[]()<>-:=|\\\n\t /*.!@&%;,?_+0129aeEfrxXZTnul".utf8) + [0, 13, 0x80, 0xC3, 0xFF]
        var random = SplitMix64(state: 0x5EED)
        for language in CodeLanguage.allCases {
            for _ in 0..<300 {
                let input = (0..<random.below(120)).map { _ in alphabet[random.below(alphabet.count)] }
                var html: [UInt8] = []
                Highlighter.highlight(input[...], as: language, into: &html)
                let problem = highlightProblem(html, input: input)
                #expect(problem == nil, "\(language) on \(input): \(problem ?? "")")
                if problem != nil { return }
            }
        }
    }

    @Test("Pathological inputs (long runs of openers) still come out exactly", arguments: [
        "\"", "'", "`", "\\", "<<", "<<-EOF\n", "${", "$$", "'''", "\"\"\"", "/*", "[", "{", "- ", "a: |\n", "#", "\n",
    ])
    func pathological(_ unit: String) {
        let input = Array(String(repeating: unit, count: 5_000).utf8)
        for language in CodeLanguage.allCases {
            var html: [UInt8] = []
            Highlighter.highlight(input[...], as: language, into: &html)
            #expect(highlightProblem(html, input: input) == nil, "\(language)")
        }
    }

    @Test("A code block over the size limit is written plain")
    func sizeLimit() {
        let input = Array(String(repeating: "echo 1\n", count: Highlighter.maximumInputSize / 7 + 1).utf8)
        var html: [UInt8] = []
        Highlighter.highlight(input[...], as: .shell, into: &html)
        var escaped: [UInt8] = []
        HTMLEscaping.escapeText(input[...], into: &escaped)
        #expect(html == escaped)
    }

    @Test("The wiki flavour highlights a fenced block in a known language")
    func wikiHighlights() {
        #expect(Markdown.renderString("```sh\necho hi\n```\n")
            == "<pre><code class=\"language-sh\"><span class=\"hl-builtin\">echo</span> hi\n</code></pre>\n")
        #expect(Markdown.renderString("~~~ YAML title=x\na: 1\n~~~\n")
            == "<pre><code class=\"language-YAML\"><span class=\"hl-key\">a</span><span class=\"hl-punctuation\">:</span> "
            + "<span class=\"hl-number\">1</span>\n</code></pre>\n")
    }

    @Test("Unknown languages, no info string and indented code stay exactly as before", arguments: [
        ("```rust\nfn main() {}\n```\n", "<pre><code class=\"language-rust\">fn main() {}\n</code></pre>\n"),
        ("```\necho \"hi\"\n```\n", "<pre><code>echo &quot;hi&quot;\n</code></pre>\n"),
        ("    echo hi\n", "<pre><code>echo hi\n</code></pre>\n"),
        ("```sh\"><script>x\necho\n```\n", "<pre><code class=\"language-sh&quot;&gt;&lt;script&gt;x\">echo\n</code></pre>\n"),
    ])
    func plainBlocks(_ source: String, _ html: String) {
        #expect(Markdown.renderString(source) == html)
    }

    @Test("The CommonMark core (conformance mode) and `highlightCode: false` never highlight")
    func coreIsPlain() {
        let source = "```sh\necho \"$HOME\"\n```\n"
        let plain = "<pre><code class=\"language-sh\">echo &quot;$HOME&quot;\n</code></pre>\n"
        #expect(Markdown.renderString(source, options: .pure) == plain)
        #expect(Markdown.renderString(source, options: MarkdownOptions(unsafeHTML: true)) == plain)
        var wiki = MarkdownOptions.wiki
        wiki.highlightCode = false
        #expect(Markdown.renderString(source, options: wiki) == plain)
    }

    @Test("Hostile code in a page's fenced block is escaped in the rendered page")
    func hostileFence() {
        let html = Markdown.renderString("```bash\n</code></pre><script>alert(1)</script>\n```\n")
        let punctuation = { (text: String) in "<span class=\"hl-punctuation\">\(text)</span>" }
        #expect(html == "<pre><code class=\"language-bash\">" + punctuation("&lt;") + "/code" + punctuation("&gt;&lt;") + "/pre"
            + punctuation("&gt;&lt;") + "script" + punctuation("&gt;") + "alert" + punctuation("(")
            + "<span class=\"hl-number\">1</span>" + punctuation(")&lt;") + "/script" + punctuation("&gt;") + "\n</code></pre>\n")
        #expect(!html.contains("<script"))
    }

    @Test("Highlighter output bypasses the sanitizer; raw HTML cannot forge its spans (class is stripped)")
    func spansCannotBeForged() {
        let html = Markdown.renderString("<pre><code class=\"language-sh\"><span class=\"hl-keyword\">x</span></code></pre>\n")
        #expect(html == "<pre><code><span>x</span></code></pre>\n")
    }
}
