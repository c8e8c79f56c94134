import Foundation
import Testing
@testable import WikiStore

/// The search index over a real repository: built on first query, moved forward by tree diffs.
@Suite struct SearchIndexTests {
    @Test("Terms are lowercased and diacritics folded; punctuation splits words")
    func tokenizer() {
        #expect(SearchTokenizer.terms("Café-Crème, NAÏVE über_alles 42") == ["cafe", "creme", "naive", "uber", "alles", "42"])
        // A decomposed é (e + U+0301) stays one word and folds the same as the composed one.
        #expect(SearchTokenizer.terms("cafe\u{301} Δέλτα 東京") == ["cafe", "δελτα", "東京"])
    }

    @Test("Edits, renames and deletes after the first query are seen by the next one")
    func followsMain() throws {
        let store = try TemporaryWiki(pages: ["Home": "welcome\n", "Ops": "the pager rota\n"])
        #expect(try store.wiki.search("pager").hits.map(\.name.description) == ["Ops"])
        try store.save("Home", "welcome to the pager\n", base: store.tip())
        #expect(try Set(store.wiki.search("pager").hits.map(\.name.description)) == ["Ops", "Home"])
        try store.wiki.rename(PageName("Ops"), to: PageName("team/Ops"), author: TemporaryWiki.author)
        #expect(try Set(store.wiki.search("rota").hits.map(\.name.description)) == ["team/Ops"])
        try store.wiki.delete(PageName("Home"), author: TemporaryWiki.author)
        let results = try store.wiki.search("pager")
        #expect(results.hits.map(\.name.description) == ["team/Ops"])
        #expect(results.total == 1)
        #expect(results.revision == (try store.wiki.head()))
    }

    @Test("A commit pushed with the git CLI is indexed too")
    func seesPush() throws {
        let store = try TemporaryWiki(pages: ["Home": "start\n"])
        #expect(try store.wiki.search("kraken").hits.isEmpty)
        let blob = try store.runGit(["hash-object", "-w", "--stdin"], input: "release the kraken\n").output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let tree = try store.runGit(["mktree"], input: "100644 blob \(blob)\tSea.md\n").output.trimmingCharacters(in: .whitespacesAndNewlines)
        let parent = try store.tip().id.description
        let commit = try store.runGit(["commit-tree", tree, "-p", parent, "-m", "push"],
                                      environment: ["GIT_AUTHOR_NAME": "P", "GIT_AUTHOR_EMAIL": "p@x", "GIT_COMMITTER_NAME": "P",
                                                    "GIT_COMMITTER_EMAIL": "p@x"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        try store.git("update-ref", "refs/heads/main", commit)
        let results = try store.wiki.search("Kraken")
        #expect(results.hits.map(\.name.description) == ["Sea"])
        // The push replaced the whole tree: Home is gone from the index as well.
        #expect(try store.wiki.search("start").hits.isEmpty)
    }

    @Test("Title matches outrank body mentions; pages with every term outrank pages with some")
    func ranking() throws {
        let store = try TemporaryWiki(pages: [
            "a": "disk disk disk disk, nothing else\n",
            "b": "# Disk full\n\nclean up\n",
            "c": "disk full alert: clean logs\n",
        ])
        #expect(try store.wiki.search("disk").hits.first?.name.description == "b")
        let both = try store.wiki.search("full disk").hits.map(\.name.description)
        #expect(both.last == "a")
    }

    @Test("Snippets mark the matched words and keep the page's text as plain values")
    func snippet() throws {
        let store = try TemporaryWiki(pages: ["x": "First line.\n\n**Restart** the <b>broker</b> now\n"])
        let hit = try #require(try store.wiki.search("broker restart").hits.first)
        #expect(hit.snippet.filter(\.isMatch).map(\.text) == ["Restart", "broker"])
        #expect(hit.snippet.map(\.text).joined() == "First line. Restart the <b>broker</b> now")
    }

    @Test("The last word also matches as a prefix, below a whole-word match, and is highlighted")
    func prefix() throws {
        let store = try TemporaryWiki(pages: ["a": "restart postgres\n", "b": "the postg tool\n", "c": "nothing\n"])
        let results = try store.wiki.search("postg")
        #expect(results.hits.map(\.name.description) == ["b", "a"])
        #expect(results.hits.last?.snippet.filter(\.isMatch).map(\.text) == ["postgres"])
        // Only the last term expands: "post" as a first term matches neither "postg" nor "postgres".
        #expect(try store.wiki.search("post restart").hits.map(\.name.description) == ["a"])
        #expect(try store.wiki.search("pos").hits.count == 2)
        #expect(try store.wiki.search("po").hits.isEmpty)
    }

    @Test("An empty or punctuation-only query matches nothing")
    func emptyQuery() throws {
        let store = try TemporaryWiki(pages: ["Home": "text\n"])
        #expect(try store.wiki.search("  ?! ").hits.isEmpty)
    }
}
