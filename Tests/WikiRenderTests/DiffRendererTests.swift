import Testing
@testable import WikiRender

/// `DiffRenderer`: the tables for unified and split views, word highlights, escaping and limits.
@Suite struct DiffRendererTests {
    static func file(_ lines: [DiffView.Line], binary: Bool = false, change: DiffView.Change = .modified) -> DiffView.File {
        DiffView.File(oldPath: "a.md", newPath: "a.md", change: change, isBinary: binary,
                      hunks: lines.isEmpty ? [] : [DiffView.Hunk(header: "@@ -1,2 +1,2 @@", lines: lines)])
    }

    @Test("Changed words are wrapped in del and ins; the text around them is escaped")
    func wordHighlights() {
        let html = DiffRenderer.render(Self.file([
            .init(kind: .removed, oldNumber: 1, newNumber: nil, text: "a <old> b", changedRanges: [2..<7]),
            .init(kind: .added, oldNumber: nil, newNumber: 1, text: "a <new> b", changedRanges: [2..<7]),
        ]), layout: .unified, label: "Changes to a.md").string
        #expect(html.contains("<td class=\"code\">a <del>&lt;old&gt;</del> b</td>"))
        #expect(html.contains("<td class=\"code\">a <ins>&lt;new&gt;</ins> b</td>"))
        #expect(html.contains("<table aria-label=\"Changes to a.md\">"))
        #expect(html.contains("<tr class=\"hunk\"><td colspan=\"4\">@@ -1,2 +1,2 @@</td></tr>"))
    }

    @Test("Ranges are clipped, merged and widened to whole characters", arguments: [
        ([0..<1, 1..<2], "<ins>é</ins>x"),   // two halves of é merge into one mark
        ([1..<3], "<ins>éx</ins>"),          // a start inside é moves back to its first byte
        ([2..<99], "é<ins>x</ins>"),         // clipped to the text
        ([3..<5, 0..<0], "éx"),              // beyond the text or empty: nothing marked
    ])
    func rangesNormalised(_ ranges: [Range<Int>], _ expected: String) {
        let html = DiffRenderer.render(Self.file([
            .init(kind: .added, oldNumber: nil, newNumber: 1, text: "éx", changedRanges: ranges),
        ]), layout: .unified, label: "x").string
        #expect(html.contains("<td class=\"code\">\(expected)</td>"))
    }

    @Test("Split view pairs each removed line with the added line at the same place in the run")
    func splitPairs() {
        let html = DiffRenderer.render(Self.file([
            .init(kind: .context, oldNumber: 1, newNumber: 1, text: "same"),
            .init(kind: .removed, oldNumber: 2, newNumber: nil, text: "old"),
            .init(kind: .added, oldNumber: nil, newNumber: 2, text: "new"),
            .init(kind: .added, oldNumber: nil, newNumber: 3, text: "extra", missingNewline: true),
        ]), layout: .split, label: "x").string
        #expect(html.contains("<tr class=\"ctx\"><td class=\"num\">1</td><td class=\"code\">same</td><td class=\"num\">1</td><td class=\"code\">same</td></tr>"))
        #expect(html.contains("<tr><td class=\"num del\">2</td><td class=\"code del\">old</td><td class=\"num add\">2</td><td class=\"code add\">new</td></tr>"))
        #expect(html.contains("<tr><td class=\"num empty\"></td><td class=\"code empty\"></td><td class=\"num add\">3</td><td class=\"code add\">extra<span class=\"eof\""))
    }

    @Test("Binary files and renames without changes get a note instead of a table")
    func notes() {
        #expect(DiffRenderer.render(Self.file([], binary: true), layout: .unified, label: "x").string
                == "<p class=\"diff-note\">Binary file, not shown.</p>")
        #expect(DiffRenderer.render(Self.file([], change: .renamed), layout: .split, label: "x").string
                == "<p class=\"diff-note\">Renamed without changes.</p>")
    }

    @Test("A diff longer than the limit shows the first lines and says how many more there are")
    func limit() {
        let lines = (1...10).map { (number: Int) in DiffView.Line(kind: .added, oldNumber: nil, newNumber: number, text: "line \(number)") }
        let html = DiffRenderer.render(Self.file(lines), layout: .unified, label: "x", maximumLines: 4).string
        #expect(html.contains(">line 4<") && !html.contains(">line 5<"))
        #expect(html.contains("6 more lines not shown."))
    }
}
