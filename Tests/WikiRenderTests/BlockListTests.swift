import Testing
@testable import WikiRender

@Suite("Lists")
struct BlockListTests {
    @Test("A tight bullet list writes items without paragraphs")
    func tightList() {
        #expect(core("- one\n- two\n- three") == "<ul>\n<li>one</li>\n<li>two</li>\n<li>three</li>\n</ul>\n")
    }

    @Test("A blank line between items makes the list loose")
    func looseList() {
        #expect(core("* a\n\n* b") == "<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n")
    }

    @Test("A blank line between two blocks of one item makes the list loose")
    func looseItem() {
        #expect(core("1. a\n\n   b\n2. c") == "<ol>\n<li>\n<p>a</p>\n<p>b</p>\n</li>\n<li>\n<p>c</p>\n</li>\n</ol>\n")
    }

    @Test("A blank line inside a nested list does not loosen the outer one")
    func nestedLooseness() {
        #expect(core("- a\n  - b\n\n    c\n- d") ==
            "<ul>\n<li>a\n<ul>\n<li>\n<p>b</p>\n<p>c</p>\n</li>\n</ul>\n</li>\n<li>d</li>\n</ul>\n")
    }

    @Test("Ordered lists keep their start number; a new delimiter starts a new list")
    func orderedStarts() {
        #expect(core("7) x\n8) y\n9. z") == "<ol start=\"7\">\n<li>x</li>\n<li>y</li>\n</ol>\n<ol start=\"9\">\n<li>z</li>\n</ol>\n")
    }

    @Test("Changing the bullet character starts a new list")
    func bulletChange() {
        #expect(core("- a\n+ b") == "<ul>\n<li>a</li>\n</ul>\n<ul>\n<li>b</li>\n</ul>\n")
    }

    @Test("Only an ordered list starting at 1 may interrupt a paragraph")
    func interruptingParagraph() {
        #expect(core("Step\n2. no") == "<p>Step\n2. no</p>\n")
        #expect(core("Step\n1. yes") == "<p>Step</p>\n<ol>\n<li>yes</li>\n</ol>\n")
        #expect(core("Step\n-\n") == "<h2>Step</h2>\n")
    }

    @Test("Continuation lines must reach the content column")
    func contentColumn() {
        #expect(core("10. item\n    inside\n\n   outside") == "<ol start=\"10\">\n<li>item\ninside</li>\n</ol>\n<p>outside</p>\n")
        #expect(core("- a\n\n  b") == "<ul>\n<li>\n<p>a</p>\n<p>b</p>\n</li>\n</ul>\n")
    }

    @Test("An item may start with a blank line, and then ends at the next blank line if empty")
    func blankStart() {
        #expect(core("-\n  text") == "<ul>\n<li>text</li>\n</ul>\n")
        #expect(core("-\n\n  text") == "<ul>\n<li></li>\n</ul>\n<p>text</p>\n")
    }

    @Test("Code after five spaces of padding is indented code inside the item")
    func codeInItem() {
        #expect(core("-     code") == "<ul>\n<li>\n<pre><code>code\n</code></pre>\n</li>\n</ul>\n")
    }

    @Test("Deep nesting by indentation")
    func deepNesting() {
        let source = (0..<5).map { String(repeating: "  ", count: $0) + "- level\($0)" }.joined(separator: "\n")
        let html = core(source)
        #expect(html.components(separatedBy: "<ul>").count - 1 == 5)
        #expect(html.hasSuffix("level4</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>\n</li>\n</ul>\n"))
    }
}
