import Foundation
import Testing
@testable import WikiStore

@Suite("Blame against git blame --porcelain")
struct BlameTests {
    /// One line of `git blame --porcelain`: commit, author, author-mail, summary and filename.
    struct PorcelainLine: Equatable {
        let commit: String, author: String, mail: String, summary: String, filename: String, text: String
    }

    /// Parses `git blame --porcelain`: headers appear on a commit's first group only, `filename` on each group.
    static func parse(_ output: String) -> [PorcelainLine] {
        var headers: [String: [String: String]] = [:]
        var current = "", lines: [PorcelainLine] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("\t") {
                let fields = headers[current] ?? [:]
                lines.append(PorcelainLine(commit: current, author: fields["author"] ?? "", mail: fields["author-mail"] ?? "",
                                           summary: fields["summary"] ?? "", filename: fields["filename"] ?? "",
                                           text: String(line.dropFirst())))
            } else if let space = line.firstIndex(of: " ") {
                let key = String(line[..<space]), value = String(line[line.index(after: space)...])
                if key.count == 40, key.allSatisfy(\.isHexDigit) { current = key } else { headers[current, default: [:]][key] = value }
            }
        }
        return lines
    }

    @Test("Blame of a page edited by three authors and renamed matches git blame")
    func matchesGit() throws {
        try withWiki { (wiki) throws in
            let ada = Person(name: "Ada", email: "ada@example.com"), bob = Person(name: "Bob", email: "bob@example.com")
            let cyd = Person(name: "Cyd Ünicode", email: "cyd@example.com")
            try wiki.save("Runbook", "# Failover\nstep one\nstep two\nstep three\n", base: nil, author: ada, message: "Write runbook")
            try wiki.save("Runbook", "# Failover\nstep one\nstep 2, revised\nstep three\n", base: try wiki.tip(), author: bob, message: "Revise step two")
            try wiki.wiki.rename(PageName("Runbook"), to: PageName("ops/Runbook"), author: bob)
            try wiki.save("ops/Runbook", "# Failover\nstep zero\nstep one\nstep 2, revised\nstep three", base: try wiki.tip(), author: cyd, message: "Add step zero")
            let ours = try wiki.wiki.blame(of: PageName("ops/Runbook"))
            let theirs = BlameTests.parse(try wiki.git("blame", "--porcelain", "main", "--", "ops/Runbook.md"))
            #expect(ours.count == 5)
            #expect(ours.map(\.lineNumber) == Array(1...5))
            #expect(ours.map { PorcelainLine(commit: $0.commit.description, author: $0.author.name, mail: "<\($0.author.email)>",
                                             summary: $0.summary, filename: $0.originalPath, text: $0.text) } == theirs)
            #expect(ours.map(\.author.name) == ["Ada", "Cyd Ünicode", "Ada", "Bob", "Cyd Ünicode"])
            #expect(ours[0].originalPath == "Runbook.md")
        }
    }

    @Test("Blame at an older revision blames that version")
    func atRevision() throws {
        try withWiki(pages: ["Home": "a\nb\n"]) { (wiki) throws in
            let first = try wiki.tip()
            try wiki.save("Home", "a\nB\nc\n", base: first)
            let old = try wiki.wiki.blame(of: PageName("Home"), at: first.shortID)
            #expect(old.map(\.text) == ["a", "b"])
            #expect(old.allSatisfy { $0.commit == first.id })
            let theirs = BlameTests.parse(try wiki.git("blame", "--porcelain", first.description, "--", "Home.md"))
            #expect(old.map(\.commit.description) == theirs.map(\.commit))
        }
    }
}
