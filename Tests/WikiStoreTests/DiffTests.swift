import Foundation
import Testing
@testable import WikiStore

@Suite("Diffs against git diff, and changed words")
struct DiffTests {
    static let before = (1...30).map { "Line \($0): the quick brown fox" }.joined(separator: "\n") + "\n"
    static let after: String = {
        var lines = (1...30).map { "Line \($0): the quick brown fox" }
        lines[2] = "Line 3: the slow brown fox"
        lines.remove(at: 10)
        lines.insert("An inserted line", at: 15)
        lines[27] = "Line 29: the quick brown fox jumps"
        return lines.joined(separator: "\n")   // and no final newline
    }()

    /// Our hunks printed as `git diff` prints them after the file header.
    static func unified(_ file: FileDiff) -> String {
        var out = ""
        for hunk in file.hunks {
            out += hunk.header + "\n"
            for line in hunk.lines {
                out += (line.kind == .added ? "+" : line.kind == .removed ? "-" : " ") + line.text + "\n"
                if line.missingNewline { out += "\\ No newline at end of file\n" }
            }
        }
        return out
    }

    @Test("Page diff hunks are the hunks of git diff, line numbers included")
    func pageDiffMatchesGit() throws {
        try withWiki(pages: ["Page": DiffTests.before]) { (wiki) throws in
            let from = try wiki.tip()
            try wiki.save("Page", DiffTests.after, base: from)
            let to = try wiki.tip()
            let diff = try wiki.wiki.diff(of: PageName("Page"), from: from.shortID, to: to.shortID)
            let file = try #require(diff.files.first)
            #expect(diff.files.count == 1)
            #expect(file.change == .modified)
            #expect(file.oldPath == "Page.md" && file.newPath == "Page.md")
            let git = try wiki.git("diff", from.description, to.description, "--", "Page.md")
            let body = git.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(4).joined(separator: "\n")
            #expect(DiffTests.unified(file) == body)
            // Line numbers: each context/removed line's old number and each context/added line's new number.
            for hunk in file.hunks {
                let old = hunk.lines.compactMap(\.oldNumber), new = hunk.lines.compactMap(\.newNumber)
                #expect(old == Array(hunk.oldStart..<(hunk.oldStart + hunk.oldCount)))
                #expect(new == Array(hunk.newStart..<(hunk.newStart + hunk.newCount)))
            }
            #expect(try wiki.wiki.diff(of: PageName("Page"), to: to.description) == diff)
        }
    }

    @Test("Changed words are marked by UTF-8 byte ranges in paired lines")
    func changedWords() throws {
        try withWiki(pages: ["Page": DiffTests.before]) { (wiki) throws in
            let from = try wiki.tip()
            try wiki.save("Page", DiffTests.after, base: from)
            let file = try #require(try wiki.wiki.diff(of: PageName("Page"), to: try wiki.tip().description).files.first)
            let lines = file.hunks.flatMap(\.lines)
            let removed = try #require(lines.first { $0.kind == .removed && $0.text == "Line 3: the quick brown fox" })
            let added = try #require(lines.first { $0.kind == .added && $0.text == "Line 3: the slow brown fox" })
            #expect(removed.changedRanges == [12..<17])
            #expect(added.changedRanges == [12..<16])
            let unpaired = try #require(lines.first { $0.text == "An inserted line" })
            #expect(unpaired.changedRanges.isEmpty)
            #expect(lines.filter { $0.kind == .context }.allSatisfy { $0.changedRanges.isEmpty })
        }
    }

    @Test("Word ranges count bytes of multi-byte characters", arguments: [
        ("Grüße an alle", "Grüße an niemand", [11..<15], [11..<18]),
        ("a, b; c", "a, B; c", [3..<4], [3..<4]),
        ("same start, old end", "same start, new end!", [12..<15], [12..<15, 19..<20]),
        ("", "all new", [], [0..<7]),
    ])
    func wordRanges(_ old: String, _ new: String, _ oldRanges: [Range<Int>], _ newRanges: [Range<Int>]) {
        let ranges = WordDiff.changedRanges(old: Array(old.utf8), new: Array(new.utf8))
        #expect(ranges.old == oldRanges)
        #expect(ranges.new == newRanges)
    }

    @Test("Lines too long to compare word by word are marked whole")
    func wordDiffLimit() {
        let old = Array(String(repeating: "a ", count: 600).utf8), new = Array(String(repeating: "b ", count: 600).utf8)
        let ranges = WordDiff.changedRanges(old: old, new: new)
        #expect(ranges.old == [0..<old.count])
        #expect(ranges.new == [0..<new.count])
    }

    @Test("A commit diff lists every file; a binary attachment has no hunks")
    func commitDiff() throws {
        try withWiki(pages: ["Home": "h\n"]) { (wiki) throws in
            try wiki.wiki.upload(path: "images/logo.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0, 0, 1, 2], author: TemporaryWiki.author)
            let diff = try wiki.wiki.diff(commit: try wiki.tip().description)
            #expect(diff.files.count == 1)
            let file = try #require(diff.files.first)
            #expect(file.isBinary)
            #expect(file.hunks.isEmpty)
            #expect(file.change == .added)
            #expect(file.oldPath == nil && file.newPath == "images/logo.png")
            let root = try wiki.wiki.diff(commit: try wiki.git("rev-list", "--max-parents=0", "main").trimmingCharacters(in: .newlines))
            #expect(root.files.map(\.newPath) == ["Home.md"])
            #expect(root.files.first?.hunks.first?.lines.map(\.text) == ["h"])
        }
    }

    @Test("A page diff across a rename is one renamed file")
    func renameDiff() throws {
        try withWiki(pages: ["Old": "one\ntwo\nthree\nfour\n"]) { (wiki) throws in
            try wiki.wiki.rename(PageName("Old"), to: PageName("New"), author: TemporaryWiki.author)
            let diff = try wiki.wiki.diff(of: PageName("New"), to: try wiki.tip().description)
            #expect(diff.files.map(\.change) == [.renamed])
            #expect(diff.files.first?.oldPath == "Old.md")
            #expect(diff.files.first?.hunks.isEmpty == true)
        }
    }
}
