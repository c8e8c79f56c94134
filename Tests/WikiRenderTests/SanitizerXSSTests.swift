import Testing
@testable import WikiRender

/// Hostile raw HTML, each with the exact output the sanitizer must produce.
@Suite("Sanitizer: hostile input")
struct SanitizerXSSTests {
    static let scriptElements: [(String, String)] = [
        ("<script>alert(1)</script>", ""),
        ("<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>", ""),
        ("<SCRIPT>alert(1)</SCRIPT >after", "after"),
        ("<script>alert(1)</script x>after", "after"),
        ("<script>document.write(\"</scr\" + \"ipt>\")</script>ok", "ok"),
        ("<script>never closed <p>hidden</p>", ""),
        ("<scr<script>ipt>alert(1)</scr</script>ipt>", "ipt&gt;alert(1)ipt&gt;"),
        ("<<script>alert(1)//<</script>", "&lt;"),
        ("<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">", "<img>&quot;&gt;"),
        ("<style>body{background:url(\"javascript:alert(1)\")}</style>", ""),
        ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<img src=\"x\">&quot;&gt;"),
        ("<textarea><script>alert(1)</script></textarea>", ""),
        ("<title><script>alert(1)</script></title>ok", "ok"),
        ("<plaintext><script>alert(1)</script>", ""),
        ("<xmp><img src=x onerror=alert(1)></xmp>", ""),
        ("<template><img src=x onerror=alert(1)></template>ok", "ok"),
    ]

    static let embedding: [(String, String)] = [
        ("<iframe src=\"javascript:alert(1)\"></iframe>", ""),
        ("<iframe srcdoc=\"<script>alert(1)</script>\">", ""),
        ("<object data=\"x.swf\"><param name=a value=b>fallback</object>ok", "ok"),
        ("<embed src=\"x.swf\">ok", "ok"),
        ("<form action=\"javascript:alert(1)\"><input type=submit><button>go</button></form>ok", "ok"),
        ("<base href=\"javascript:/\">", ""),
        ("<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">", ""),
        ("<link rel=stylesheet href=\"javascript:alert(1)\">", ""),
        ("<svg onload=alert(1)>", ""),
        ("<svg><script>alert(1)</script></svg>after", "after"),
        ("<svg><svg></svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>after", "after"),
        ("<svg/onload=alert(1)>after", ""),
        ("<svg/>after", "after"),
        ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", ""),
        ("<math href=\"javascript:alert(1)\">x</math>y", "y"),
        ("<video><source onerror=\"alert(1)\"></video>", "<source>"),
        ("<body onload=alert(1)>text</body>", "text"),
        ("<marquee onstart=alert(1)>hi</marquee>", "hi"),
        ("<x onclick=alert(1)>text</x>", "text"),
    ]

    static let attributes: [(String, String)] = [
        ("<img src=x onerror=alert(1)>", "<img src=\"x\">"),
        ("<img src=\"x\" onerror=\"alert(1)\"/>", "<img src=\"x\" />"),
        ("<p onclick=\"alert(1)\" ONMOUSEOVER=alert(1)>x</p>", "<p>x</p>"),
        ("<a href=\"x\" onfocus=alert(1) autofocus>", "<a href=\"x\">"),
        ("<a title=\"a\"onmouseover=alert(1)>x</a>", "<a title=\"a\">x</a>"),
        ("<img/src=x/onerror=alert(1)>", "<img src=\"x/onerror=alert(1)\">"),
        ("<div style=\"background:url(javascript:alert(1))\">x</div>", "<div>x</div>"),
        ("<a title='say \"hi\" <b>'>", "<a title=\"say &quot;hi&quot; &lt;b&gt;\">"),
        ("<p title=\"&quot;><script>alert(1)</script>\">", "<p title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">"),
        ("<a href=\"http://x\" target=_blank rel=opener>", "<a href=\"http://x\">"),
        ("<details open ontoggle=alert(1)>", "<details open=\"\">"),
        ("<div id=\"content\" class=\"banner\" name=\"x\">", "<div id=\"user-content-content\">"),
        ("<img name=\"getElementById\" src=\"a.png\">", "<img src=\"a.png\">"),
        ("<a href=\"x\"\nonclick\n=\nalert(1)>", "<a href=\"x\">"),
        ("<a =\"x\" href=\"/ok\">", "<a href=\"/ok\">"),
        ("<table background=\"javascript:alert(1)\">", "<table>"),
        ("<img src=\"https://ok\" srcset=\"javascript:alert(1) 2x\">", "<img src=\"https://ok\">"),
        ("<img srcset=\"a.png&#44;javascript:alert(1) 2x\">", "<img>"),
        ("<img srcset=\"a.png 1x,javascript:alert(1) 2x\">", "<img>"),
    ]

    static let urls: [(String, String)] = [
        ("<IMG SRC=\"javascript:alert('XSS');\">", "<img>"),
        ("<IMG SRC=JaVaScRiPt:alert('XSS')>", "<img>"),
        ("<a href=\"&#106;avascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"&#x6A;avascript&colon;alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"&#106avascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"java&#x09;script:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"java\tscript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"java&Tab;script:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\" &#14;  javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"\u{01}javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"&NewLine;javascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"javascript&#58;alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=javascript:alert(1)>x</a>", "<a>x</a>"),
        ("<a href=`javascript:alert(1)`>x</a>", "<a>x</a>"),
        ("<a href=\"vbscript:msgbox(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>", "<a>x</a>"),
        ("<a href=\"data:image/png;base64,AAAA\">x</a>", "<a>x</a>"),
        ("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", "<img>"),
        ("<img src=\"data:image/png;base64,iVBORw0KGgo=\">", "<img src=\"data:image/png;base64,iVBORw0KGgo=\">"),
        ("<blockquote cite=\"javascript:alert(1)\">q</blockquote>", "<blockquote>q</blockquote>"),
        ("<a href=\"https://ok\">ok</a><a href=\" javascript:alert(1)\">bad</a>", "<a href=\"https://ok\">ok</a><a>bad</a>"),
        ("<a href=\"https://example.com/?q=<script>\">", "<a href=\"https://example.com/?q=&lt;script&gt;\">"),
        ("<a href=\"&#x26;#106;avascript:alert(1)\">x</a>", "<a href=\"&#x26;#106;avascript:alert(1)\">x</a>"),
    ]

    static let brokenMarkup: [(String, String)] = [
        ("<a href=\"x>click</a>", "&lt;a href=&quot;x&gt;click&lt;/a&gt;"),
        ("<img src=\"x", "&lt;img src=&quot;x"),
        ("<a href='x onclick=alert(1)>", "&lt;a href='x onclick=alert(1)&gt;"),
        ("<b>bold<", "<b>bold&lt;"),
        ("<!-- <!-- --> <script>alert(1)</script> -->", "  --&gt;"),
        ("<!--><script>alert(1)</script>-->", "--&gt;"),
        ("<!-- x --!><img src=x onerror=alert(1)>", "<img src=\"x\">"),
        ("<!-- never closed <script>alert(1)</script>", ""),
        ("<![CDATA[<script>alert(1)</script>]]>", "alert(1)]]&gt;"),
        ("<?xml version=\"1.0\"?><b>x</b>", "<b>x</b>"),
        ("</ script>text", "text"),
        ("< script>alert(1)</script>", "&lt; script&gt;alert(1)"),
        ("<a\u{0}href=\"javascript:alert(1)\">x</a>", "x</a>"),
    ]

    @Test("script and other raw-text elements disappear with their content", arguments: scriptElements)
    func scripts(_ input: String, _ expected: String) { #expect(Sanitizer.sanitize(input) == expected) }

    @Test("Embedding, form, metadata and foreign elements disappear with their content", arguments: embedding)
    func embeddingElements(_ input: String, _ expected: String) { #expect(Sanitizer.sanitize(input) == expected) }

    @Test("Event handlers, style, class and unknown attributes are dropped", arguments: attributes)
    func hostileAttributes(_ input: String, _ expected: String) { #expect(Sanitizer.sanitize(input) == expected) }

    @Test("URLs with script schemes, however obfuscated, are dropped", arguments: urls)
    func hostileURLs(_ input: String, _ expected: String) { #expect(Sanitizer.sanitize(input) == expected) }

    @Test("Broken markup, unclosed quotes and nested comments stay inert", arguments: brokenMarkup)
    func broken(_ input: String, _ expected: String) { #expect(Sanitizer.sanitize(input) == expected) }
}
