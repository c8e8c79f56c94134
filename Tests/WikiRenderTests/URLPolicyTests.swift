import Testing
@testable import WikiRender

@Suite("URLPolicy")
struct URLPolicyTests {
    @Test("Links to http, https, mailto, relative paths and fragments are safe", arguments: [
        "https://example.com/a?b=c#d", "http://example.com", "HTTPS://EXAMPLE.COM", "mailto:ops@example.com",
        "/wiki/Page", "Page-Name", "runbooks/db:failover", "./a:b", "#section", "?q=1", "//cdn.example.com/x",
        "", " https://padded.example ", "HtTp://mixed.case", "&#104;ttps://decoded.example",
    ])
    func safeLinks(_ url: String) {
        #expect(URLPolicy.isSafe(Array(url.utf8), image: false))
    }

    @Test("Script, other schemes and obfuscated schemes are refused", arguments: [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)",
        "java\rscript:alert(1)", "\u{01}javascript:alert(1)", "\u{0}javascript:alert(1)", " \u{1F} javascript:x",
        "&#106;avascript:alert(1)", "&#x6A;avascript&colon;alert(1)", "&#X6a;avascript:alert(1)",
        "&#106avascript:alert(1)", "&#0000106;avascript:alert(1)", "javascript&#58;alert(1)",
        "javascript&#x3a;alert(1)", "javascript&colon;alert(1)", "javascript&colonalert(1)",
        "jav&Tab;ascript:alert(1)", "&NewLine;javascript:alert(1)", "java&#x0D;script:alert(1)",
        "&#x09;javascript:alert(1)", "vbscript:msgbox(1)", "livescript:x", "data:text/html,<script>",
        "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd", "ftp://example.com", "Page:Name",
        "about:blank", "blob:https://example.com/x", "javascript\u{0}:alert(1)", "ja\u{0}vascript:x",
    ])
    func unsafeLinks(_ url: String) {
        #expect(!URLPolicy.isSafe(Array(url.utf8), image: false))
        #expect(!URLPolicy.isSafe(Array(url.utf8), image: true))
    }

    @Test("Raster data: images are allowed only as images", arguments: [
        "data:image/png;base64,iVBORw0KGgo=", "data:image/gif,GIF89a", "DATA:IMAGE/JPEG;base64,/9j/",
        "data:image/webp;base64,UklGRg==", " data:image/png;base64,AAAA", "data: image/png ;base64,AAAA",
        "&#100;ata:image/png;base64,AAAA",
    ])
    func dataImages(_ url: String) {
        #expect(URLPolicy.isSafe(Array(url.utf8), image: true))
        #expect(!URLPolicy.isSafe(Array(url.utf8), image: false))
    }

    @Test("data: URLs that can carry script are refused even as images", arguments: [
        "data:image/svg+xml;base64,PHN2Zz4=", "data:image/svg+xml,<svg onload=alert(1)>", "data:text/html,x",
        "data:image/png", "data:image/pngx;base64,AA", "data:,image/png", "data:application/xhtml+xml,x",
    ])
    func unsafeDataImages(_ url: String) {
        #expect(!URLPolicy.isSafe(Array(url.utf8), image: true))
    }
}
