import Testing
@testable import WikiRender

/// `Markdown.linkTargets`: the links a page makes, for backlinks and the broken-link report (issue 10).
@Suite struct LinkTargetsTests {
    @Test("Wiki links give their page part, Markdown links their decoded URL; images, code and duplicates do not count")
    func targets() {
        let source = """
        ---
        owner: [[Not a link]]
        ---
        See [[Page One]], [[Page One|again]], [[runbooks/db#Check|db]] and [[#Local]].
        [relative](../other%20page "t"), [ref][r], <https://example.com>, ![img](pic.png).
        `[[in code]]` and [esc](a\\_b)

        [r]: /wiki/Ref
        """
        #expect(Set(Markdown.linkTargets(Array(source.utf8))) == [
            .wiki("Page One"), .wiki("runbooks/db"), .url("../other%20page"), .url("/wiki/Ref"), .url("https://example.com"), .url("a_b"),
        ])
    }
}
