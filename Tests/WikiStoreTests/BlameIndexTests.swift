import Foundation
import Testing
@testable import WikiStore

@Suite("Blame on the history index against git blame --porcelain")
struct BlameIndexTests {
    /// Our blame as porcelain lines (commit, author, mail, summary, filename, text).
    static func porcelain(_ lines: [BlameLine]) -> [BlameTests.PorcelainLine] {
        lines.map {
            BlameTests.PorcelainLine(commit: $0.commit.description, author: $0.author.name, mail: "<\($0.author.email)>",
                                     summary: $0.summary, filename: $0.originalPath, text: $0.text)
        }
    }

    /// Lines a generator draws from: few distinct ones, so blank and repeated lines make the diffs ambiguous.
    static let vocabulary = ["", "", "- item", "- item", "restart the service", "check the replica", "}", "    indented",
                             "# Heading", "failover", "see below", "the end"]

    /// A deterministic sequence of edits to `Runbook` (inserts, deletes, replacements, moves of a block), with a
    /// rename to `ops/Runbook` in the middle, then a delete and a re-creation from part of the old text.
    static func editedWiki(edits: Int) throws -> TemporaryWiki {
        let wiki = try TemporaryWiki()
        var random = SeededRandom(seed: 7)
        var lines = (0..<12).map { vocabulary[$0 % vocabulary.count] }
        var name = "Runbook"
        let authors = [Person(name: "Ada", email: "ada@example.com"), Person(name: "Bob", email: "bob@example.com")]
        for edit in 0..<edits {
            if edit == edits / 2 {
                try wiki.wiki.rename(PageName(name), to: PageName("ops/Runbook"), author: authors[0])
                name = "ops/Runbook"
            }
            let position = random.next(below: lines.count + 1)
            switch random.next(below: 4) {
            case 0: lines.insert(vocabulary[random.next(below: vocabulary.count)], at: position)
            case 1 where lines.count > 3: lines.remove(at: min(position, lines.count - 1))
            case 2 where lines.count > 6:
                let block = Array(lines[0..<3])
                lines.removeSubrange(0..<3)
                lines.insert(contentsOf: block, at: min(position, lines.count))
            default: lines.insert("line \(edit)", at: position)
            }
            try wiki.save(name, lines.joined(separator: "\n") + (edit % 5 == 0 ? "" : "\n"), base: try wiki.wiki.head(),
                          author: authors[edit % 2], message: "Edit \(edit)")
        }
        try wiki.wiki.delete(PageName(name), author: authors[1])
        try wiki.save(name, lines.prefix(6).joined(separator: "\n") + "\nagain\n", base: try wiki.tip(), message: "Re-create")
        try wiki.save(name, lines.prefix(4).joined(separator: "\n") + "\nagain\nand again\n", base: try wiki.tip(), message: "After")
        return wiki
    }

    @Test("Blame at every revision of an often edited, renamed, deleted and re-created page matches git blame")
    func everyRevision() throws {
        let wiki = try Self.editedWiki(edits: 60)
        let name = try PageName("ops/Runbook")
        let history = try wiki.wiki.history(of: name, limit: 1000)
        #expect(history.count > 50)
        let special: [ChangeKind] = history.map(\.change).filter { $0 == .renamed || $0 == .deleted }
        #expect(special == [.deleted, .renamed])
        var compared = 0
        for entry in history where entry.change != .deleted {
            let ours = try wiki.wiki.blame(of: PageName(filePath: entry.path), at: entry.commit.id.description)
            let theirs = BlameTests.parse(try wiki.git("blame", "--porcelain", entry.commit.id.description, "--", entry.path))
            #expect(Self.porcelain(ours) == theirs, "at \(entry.commit.summary)")
            compared += 1
        }
        #expect(compared == history.count - 1)
        let latest = try wiki.wiki.blame(of: name)
        #expect(Set(latest.map(\.summary)) == ["Re-create", "After"])
    }

    @Test("Blame across merges and renames of a pushed history matches git blame for every page")
    func mergesMatchGit() throws {
        let wiki = try HistoryIndexTests.mixedWiki()
        for path in try wiki.git("ls-tree", "-r", "--name-only", "main").split(separator: "\n").map(String.init) {
            let ours = try wiki.wiki.blame(of: PageName(filePath: path))
            let theirs = BlameTests.parse(try wiki.git("blame", "--porcelain", "main", "--", path))
            #expect(Self.porcelain(ours) == theirs, "\(path)")
        }
        let merged = try wiki.wiki.blame(of: PageName("docs/A2"))
        #expect(merged.last?.summary == "Extend A2 on a side branch")
    }

    @Test("Blame at a commit off main (a branch) uses libgit2's blame and matches git blame")
    func offMain() throws {
        let wiki = try TemporaryWiki(pages: ["Home": "a\nb\nc\n"])
        let clone = try WorkingClone(wiki)
        try clone.git("checkout", "-q", "-b", "topic")
        try clone.write("Home.md", "a\nB\nc\nd\n")
        try clone.commit("Topic edit")
        try clone.git("push", "-q", "origin", "topic")
        let topic = try wiki.git("rev-parse", "topic").trimmingCharacters(in: .newlines)
        let ours = try wiki.wiki.blame(of: PageName("Home"), at: topic)
        let theirs = BlameTests.parse(try wiki.git("blame", "--porcelain", topic, "--", "Home.md"))
        #expect(Self.porcelain(ours) == theirs)
        #expect(ours.map(\.summary) == ["Update Home", "Topic edit", "Update Home", "Topic edit"])
    }
}

/// SplitMix64: a seeded generator, so generated histories are the same on every run.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
