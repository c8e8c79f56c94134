import Testing
@testable import WikiRender

/// `FrontMatter.setting`: one value changed, every other byte kept (mark as reviewed, issue 10).
@Suite struct FrontMatterEditingTests {
    private func set(_ text: String, _ value: String = "2026-12-02") -> String? {
        FrontMatter.setting("last-reviewed", to: value, in: Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("An existing value is replaced on its own line only (a trailing comment goes with the old value)")
    func replaces() {
        #expect(set("---\nowner: bob\nlast-reviewed: 2026-06-02\nreview-every: 90d\n---\n# T\n")
                == "---\nowner: bob\nlast-reviewed: 2026-12-02\nreview-every: 90d\n---\n# T\n")
        #expect(set("---\nlast-reviewed  :   2020-01-01 # old\n---\n") == "---\nlast-reviewed  : 2026-12-02\n---\n")
        #expect(set("---\nlast-reviewed:\n---\nbody") == "---\nlast-reviewed: 2026-12-02\n---\nbody")
    }

    @Test("A missing key is added as the block's last line, CRLF kept")
    func adds() {
        #expect(set("---\nowner: bob\n---\nbody\n") == "---\nowner: bob\nlast-reviewed: 2026-12-02\n---\nbody\n")
        #expect(set("---\r\nowner: bob\r\n...\r\nbody\r\n") == "---\r\nowner: bob\r\nlast-reviewed: 2026-12-02\r\n...\r\nbody\r\n")
        // A key that only starts the same way is another key.
        #expect(set("---\nlast-reviewed-by: x\n---\n") == "---\nlast-reviewed-by: x\nlast-reviewed: 2026-12-02\n---\n")
    }

    @Test("A page without front matter gets a block on top, after a byte order mark")
    func createsBlock() {
        #expect(set("# Title\n\ntext") == "---\nlast-reviewed: 2026-12-02\n---\n# Title\n\ntext")
        #expect(set("\u{FEFF}# T\r\n") == "\u{FEFF}---\r\nlast-reviewed: 2026-12-02\r\n---\r\n# T\r\n")
        #expect(set("") == "---\nlast-reviewed: 2026-12-02\n---\n")
    }

    @Test("A list value cannot be replaced by one line: nil, nothing changed")
    func refusesLists() {
        #expect(set("---\nlast-reviewed: [2026-01-01]\n---\n") == nil)
        #expect(set("---\nlast-reviewed:\n  - 2026-01-01\n---\n") == nil)
    }

    @Test("The edited page parses back to the new date with its other values intact")
    func roundTrip() throws {
        let edited = try #require(set("---\nowner: bob\ntags: [a, b]\nreview-every: 90d\nlast-reviewed: 2026-06-02\n---\n"))
        let meta = PageMetadata(source: Array(edited.utf8))
        #expect(meta.lastReviewed?.description == "2026-12-02" && meta.owner == "bob" && meta.tags == ["a", "b"])
    }
}
