import Testing
import WikiRender
@testable import WikiHTTP

/// Issue 9, hostile content, below the site: each payload of the corpus in every Markdown context a page
/// can put it in, rendered as a wiki page (links resolved as the site does), and through the sanitizer.
@Suite("Hostile content: the XSS corpus in every Markdown context")
struct XSSRenderTests {
    /// Where a payload can sit in a page.
    static let contexts: [(String, @Sendable (String) -> String)] = [
        ("body", { $0 }),
        ("paragraph", { "text \($0) text" }),
        ("link target", { "[x](\($0))" }),
        ("link title", { "[x](https://example.com \"\($0)\")" }),
        ("image", { "![\($0)](\($0))" }),
        ("reference", { "[x][r]\n\n[r]: \($0)" }),
        ("autolink", { "<\($0)>" }),
        ("wiki link", { "[[\($0)]]" }),
        ("wiki link label", { "[[Home|\($0)]]" }),
        ("heading", { "## \($0)" }),
        ("table cell", { "| a |\n|---|\n| \($0) |" }),
        ("front matter", { "---\ntitle: \($0)\ntags: [\($0)]\n---\n\($0)" }),
        ("code fence info", { "```\($0)\nx\n```" }),
        ("shell code", { "```sh\n\($0)\n```" }),
        ("yaml code", { "```yaml\nkey: \($0)\n```" }),
        ("blockquote list", { "> - \($0)" }),
        ("html block", { "<div>\n\($0)\n</div>" }),
    ]

    @Test("No payload in any context renders anything executable")
    func everyContext() {
        let presenter = PagePresenter(pagePaths: ["Home"])
        var problems: [String] = []
        for payload in XSSCorpus.payloads {
            for (context, wrap) in Self.contexts {
                let page = presenter.render(Array(wrap(payload).utf8))
                if let problem = ExecutableContent.find(in: page.document.html.string) {
                    problems.append("\(context) \(payload.debugDescription): \(problem)")
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(20))")
    }

    @Test("The sanitizer alone makes every payload safe")
    func sanitizer() {
        for payload in XSSCorpus.payloads {
            var out: [UInt8] = []
            Sanitizer.sanitize(Array(payload.utf8)[...], into: &out)
            #expect(ExecutableContent.find(in: String(decoding: out, as: UTF8.self)) == nil, "\(payload.debugDescription)")
        }
    }

    @Test("The checker itself flags each kind of executable construct", arguments: [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"java&#x09;script:alert(1)\">",
        "<a href='&#106;avascript&colon;x'>", "<svg>", "<iframe srcdoc=x>", "<a href=\"data:text/html,x\">",
        "<div style=\"background:url(javascript:x)\">", "<meta http-equiv=refresh content=\"0;url=x\">",
        "<a\nONclick = 'x'>", "<img/src=\"x\"/onerror=alert(1)>",
    ])
    func checkerFlags(_ html: String) {
        #expect(ExecutableContent.find(in: html) != nil)
    }

    @Test("The checker passes what is safe", arguments: [
        "<p>&lt;script&gt; on=1 onclick=x</p>", "<a href=\"https://x.example/\" title=\"javascript:alert(1)\">x</a>",
        ExecutableContent.themeScript, "<img src=\"data:image/png;base64,AAAA\" alt=\"x\">",
        "<pre><code class=\"language-sh\"><span class=\"hl-string\">&quot;&lt;script&gt;&quot;</span></code></pre>",
        // An unquoted value runs to a space or `>`: this `onerror` is part of `src` (HTML §13.2.5.38).
        "<img/src=x/onerror=alert(1)>",
    ])
    func checkerPasses(_ html: String) {
        #expect(ExecutableContent.find(in: html) == nil)
    }
}
