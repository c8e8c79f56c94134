import Testing
@testable import WikiRender

@Suite("Sanitizer.Session: balance across fragments")
struct SanitizerSessionTests {
    private func run(_ fragments: [String]) -> String {
        var session = Sanitizer.Session()
        var out: [UInt8] = []
        for fragment in fragments { session.sanitize(Array(fragment.utf8)[...], into: &out) }
        session.finish(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test("An element opened in one fragment is closed by a later one")
    func acrossFragments() {
        #expect(run(["<details>\n<summary>Steps</summary>", "</details>"]) == "<details>\n<summary>Steps</summary></details>")
    }

    @Test("End tags the page did not open are dropped, so the theme's elements stay intact")
    func strayEndTags() {
        #expect(run(["<div align=\"center\">", "</div>", "</div>", "</main></article>", "</p>"]) == "<div align=\"center\"></div>")
    }

    @Test("An end tag closes the elements opened inside it first")
    func misnested() {
        #expect(run(["<b><i>x</b> y</i>"]) == "<b><i>x</i></b> y")
    }

    @Test("Whatever is still open is closed at the end, innermost first")
    func finish() {
        #expect(run(["<div><blockquote><p>quote"]) == "<div><blockquote><p>quote</p></blockquote></div>")
    }

    @Test("Void elements are never counted as open")
    func voidElements() {
        #expect(run(["<br><img src=\"a.png\"><hr/>", "</br>"]) == "<br><img src=\"a.png\"><hr />")
    }

    @Test("Nesting deeper than the limit is dropped, and what was opened is closed")
    func depthLimit() {
        let html = run([String(repeating: "<div>", count: 300)])
        #expect(html == String(repeating: "<div>", count: 256) + String(repeating: "</div>", count: 256))
    }

    @Test("Without a session, end tags pass as they are (each fragment on its own)")
    func stateless() {
        #expect(Sanitizer.sanitize("</div></div>") == "</div></div>")
    }
}
