import Testing
@testable import WikiRender

@Suite("HeadingSlugger")
struct HeadingSluggerTests {
    @Test("GitHub's slug rules", arguments: [
        ("Getting Started", "getting-started"),
        ("DB failover: step 1/3", "db-failover-step-13"),
        ("  Leading and trailing  ", "--leading-and-trailing--"),
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("C++ & C#", "c--c"),
        ("What's new?", "whats-new"),
        ("Überprüfung der Größe", "überprüfung-der-größe"),
        ("Привет мир", "привет-мир"),
        ("日本語の見出し", "日本語の見出し"),
        ("Café déjà vu", "café-déjà-vu"),
        ("Rocket 🚀 launch", "rocket--launch"),
        ("`code` and *emphasis*", "code-and-emphasis"),
        ("Tab\there", "tabhere"),
        ("Version 2.0.1", "version-201"),
        ("Ⅻ chapters", "ⅻ-chapters"),
    ] as [(String, String)])
    func slugs(_ text: String, _ expected: String) {
        var slugger = HeadingSlugger()
        #expect(slugger.slug(for: text) == expected)
    }

    @Test("Repeated headings are numbered in document order")
    func duplicates() {
        var slugger = HeadingSlugger()
        let ids = ["Steps", "Steps", "steps", "Steps 1", "Steps"].map { slugger.slug(for: $0) }
        #expect(ids == ["steps", "steps-1", "steps-2", "steps-1-1", "steps-3"])
    }

    @Test("A heading with nothing left becomes section, numbered like any other")
    func fallback() {
        var slugger = HeadingSlugger()
        let ids = ["🚀", "!!!", "", "Section"].map { slugger.slug(for: $0) }
        #expect(ids == ["section", "section-1", "section-2", "section-3"])
    }

    @Test("Very long headings are cut to 256 characters")
    func longHeading() {
        var slugger = HeadingSlugger()
        #expect(slugger.slug(for: String(repeating: "ab ", count: 1_000)).unicodeScalars.count == 256)
    }
}
