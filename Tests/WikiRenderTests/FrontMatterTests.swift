import Testing
@testable import WikiRender

@Suite("FrontMatter")
struct FrontMatterTests {
    private func split(_ text: String) -> (FrontMatter?, String) {
        let (frontMatter, body) = FrontMatter.split(Array(text.utf8))
        return (frontMatter, String(decoding: body, as: UTF8.self))
    }

    @Test("Key/value lines are read in order and the body starts after the closing line")
    func simple() throws {
        let (frontMatter, body) = split("---\ntitle: DB failover\nowner: ops-team\n---\n# Body\n")
        let matter = try #require(frontMatter)
        #expect(matter.entries == [.init(key: "title", value: .text("DB failover")),
                                   .init(key: "owner", value: .text("ops-team"))])
        #expect(matter.warnings.isEmpty)
        #expect(body == "# Body\n")
        #expect(matter.text(for: "title") == "DB failover")
        #expect(matter.text(for: "missing") == nil)
    }

    @Test("Flow lists, block lists, quotes and comments")
    func lists() throws {
        let source = """
            ---
            # a comment line
            tags: [ops, "db, primary", 'it''s']
            reviewers:
              - alice
              - "bob # not a comment"
            - carol   # a comment
            title: "Say \\"hi\\"\\n" # trailing comment
            url: https://example.com/a#b
            empty:
            ...
            body
            """
        let (frontMatter, body) = split(source)
        let matter = try #require(frontMatter)
        #expect(matter.list(for: "tags") == ["ops", "db, primary", "it's"])
        #expect(matter.list(for: "reviewers") == ["alice", "bob # not a comment", "carol"])
        #expect(matter.text(for: "title") == "Say \"hi\"\n")
        #expect(matter.text(for: "url") == "https://example.com/a#b")
        #expect(matter.value(for: "empty") == .text(""))
        #expect(matter.list(for: "empty") == [])
        #expect(matter.list(for: "url") == ["https://example.com/a#b"])
        #expect(matter.warnings.isEmpty)
        #expect(body == "body")
    }

    @Test("Invalid lines become warnings with their line numbers, never errors")
    func warnings() throws {
        let source = "---\ntitle: A\njust text\n: no key\n  nested: x\n- orphan\ntitle: B\nlist: [a, b\nq: \"open\nz: 'a' junk\n---\n"
        let (frontMatter, body) = split(source)
        let matter = try #require(frontMatter)
        #expect(matter.entries == [.init(key: "title", value: .text("A")), .init(key: "q", value: .text("\"open")),
                                   .init(key: "z", value: .text("a"))])
        #expect(matter.warnings == [
            "line 3: expected `key: value`",
            "line 4: empty key",
            "line 5: nested values are not supported",
            "line 6: list item without a key above it",
            "line 7: duplicate key `title` (the first is kept)",
            "line 8: unclosed `[` list",
            "line 9: unclosed quote",
            "line 10: unexpected text after a quoted value",
        ])
        #expect(body == "")
    }

    @Test("No front matter without an opening line, a closing line, or within the size limit", arguments: [
        "title: x\n---\n", "---\ntitle: x\n", "--- \ntitle: x\n", " ---\ntitle: x\n---\n", "----\na: b\n----\n",
        "---\n" + String(repeating: "a: b\n", count: 20_000) + "---\n",
    ])
    func absent(_ source: String) {
        let (frontMatter, body) = split(source)
        #expect(frontMatter == nil)
        #expect(body == source)
    }

    @Test("Trailing spaces on the fences, CRLF line ends and a BOM are accepted")
    func lenientFences() throws {
        let (frontMatter, body) = split("\u{FEFF}--- \r\na: 1\r\n---\t\r\nbody\r\n")
        #expect(try #require(frontMatter).text(for: "a") == "1")
        #expect(body == "body\r\n")
    }

    @Test("An empty block is front matter with no entries")
    func empty() throws {
        let (frontMatter, body) = split("---\n---\nx")
        #expect(try #require(frontMatter) == FrontMatter())
        #expect(body == "x")
    }
}
