/// Renders one file of a `DiffView` as an HTML table: unified (one column of lines) or split (old and new
/// side by side), with the changed words of a changed line wrapped in `<del>`/`<ins>`.
public enum DiffRenderer {
    /// One column of lines, or old and new side by side.
    public enum Layout: String, Hashable, Sendable, CaseIterable { case unified, split }

    /// The most lines one file shows; the rest is summarised so a huge diff cannot make a huge page.
    public static let defaultMaximumLines = 5_000

    /// The file's diff as a table labelled `label` (for screen readers), or a short note for a binary file
    /// or a file without line changes (a pure rename).
    public static func render(_ file: DiffView.File, layout: Layout, label: String,
                              maximumLines: Int = defaultMaximumLines) -> SafeHTML {
        var out: [UInt8] = []
        if file.isBinary {
            out += Array("<p class=\"diff-note\">Binary file, not shown.</p>".utf8)
            return SafeHTML(trusted: out)
        }
        if file.hunks.allSatisfy({ $0.lines.isEmpty }) {
            let note = file.change == .renamed ? "Renamed without changes." : "No line changes."
            out += Array("<p class=\"diff-note\">\(note)</p>".utf8)
            return SafeHTML(trusted: out)
        }
        out += Array("<div class=\"diff diff-\(layout.rawValue)\"><table aria-label=\"".utf8)
        escape(label, into: &out)
        out += Array("\">".utf8)
        var budget = max(1, maximumLines)
        let columns = 4  // unified: old, new, sign, text; split: old number, old text, new number, new text
        var shown = 0, total = 0
        for hunk in file.hunks { total += hunk.lines.count }
        for hunk in file.hunks where budget > 0 {
            out += Array("<tr class=\"hunk\"><td colspan=\"\(columns)\">".utf8)
            escape(hunk.header, into: &out)
            out += Array("</td></tr>".utf8)
            let lines = Array(hunk.lines.prefix(budget))
            budget -= lines.count
            shown += lines.count
            switch layout {
            case .unified: unified(lines, into: &out)
            case .split: split(lines, into: &out)
            }
        }
        if shown < total {
            out += Array("<tr class=\"hunk\"><td colspan=\"\(columns)\">\(total - shown) more lines not shown.</td></tr>".utf8)
        }
        out += Array("</table></div>".utf8)
        return SafeHTML(trusted: out)
    }

    /// Rows of old number, new number, sign and text.
    private static func unified(_ lines: [DiffView.Line], into out: inout [UInt8]) {
        for line in lines {
            let (rowClass, sign) = switch line.kind {
            case .context: ("ctx", " ")
            case .added: ("add", "+")
            case .removed: ("del", "-")
            }
            out += Array("<tr class=\"\(rowClass)\"><td class=\"num\">".utf8)
            number(line.oldNumber, into: &out)
            out += Array("</td><td class=\"num\">".utf8)
            number(line.newNumber, into: &out)
            out += Array("</td><td class=\"sign\">\(sign)</td><td class=\"code\">".utf8)
            text(of: line, into: &out)
            out += Array("</td></tr>".utf8)
        }
    }

    /// Rows of old number, old text, new number, new text; a run of removed lines is paired with the run of
    /// added lines that follows it, line by line, so a changed line sits beside its new version.
    private static func split(_ lines: [DiffView.Line], into out: inout [UInt8]) {
        var index = 0
        while index < lines.count {
            if lines[index].kind == .context {
                let line = lines[index]
                out += Array("<tr class=\"ctx\">".utf8)
                cell(line, number: line.oldNumber, into: &out)
                cell(line, number: line.newNumber, into: &out)
                out += Array("</tr>".utf8)
                index += 1
                continue
            }
            var removed: [DiffView.Line] = []
            var added: [DiffView.Line] = []
            while index < lines.count, lines[index].kind == .removed { removed.append(lines[index]); index += 1 }
            while index < lines.count, lines[index].kind == .added { added.append(lines[index]); index += 1 }
            for row in 0..<max(removed.count, added.count) {
                out += Array("<tr>".utf8)
                if row < removed.count { cell(removed[row], number: removed[row].oldNumber, into: &out) } else { emptyCell(into: &out) }
                if row < added.count { cell(added[row], number: added[row].newNumber, into: &out) } else { emptyCell(into: &out) }
                out += Array("</tr>".utf8)
            }
        }
    }

    /// A number cell and a text cell for one side of a split row.
    private static func cell(_ line: DiffView.Line, number value: Int?, into out: inout [UInt8]) {
        let side = switch line.kind {
        case .context: ""
        case .added: " add"
        case .removed: " del"
        }
        out += Array("<td class=\"num\(side)\">".utf8)
        number(value, into: &out)
        out += Array("</td><td class=\"code\(side)\">".utf8)
        text(of: line, into: &out)
        out += Array("</td>".utf8)
    }

    /// The blank side of a split row whose partner line has no counterpart.
    private static func emptyCell(into out: inout [UInt8]) {
        out += Array("<td class=\"num empty\"></td><td class=\"code empty\"></td>".utf8)
    }

    /// A line number, or nothing for the side a line is not on.
    private static func number(_ value: Int?, into out: inout [UInt8]) {
        if let value { out += Array(String(value).utf8) }
    }

    /// The escaped text with its changed words marked, and a marker when the file ends without a newline.
    private static func text(of line: DiffView.Line, into out: inout [UInt8]) {
        let tag: String? = switch line.kind {
        case .context: nil
        case .added: "ins"
        case .removed: "del"
        }
        let bytes = Array(line.text.utf8)
        var position = 0
        if let tag {
            for range in WordRanges.normalised(line.changedRanges, in: bytes) {
                HTMLEscaping.escapeText(bytes[position..<range.lowerBound], into: &out)
                out += Array("<\(tag)>".utf8)
                HTMLEscaping.escapeText(bytes[range], into: &out)
                out += Array("</\(tag)>".utf8)
                position = range.upperBound
            }
        }
        HTMLEscaping.escapeText(bytes[position...], into: &out)
        if line.missingNewline {
            out += Array("<span class=\"eof\" title=\"No newline at end of file\">no newline at end of file</span>".utf8)
        }
    }

    /// Escapes text for an element or a double-quoted attribute.
    private static func escape(_ text: String, into out: inout [UInt8]) {
        HTMLEscaping.escapeText(Array(text.utf8)[...], into: &out)
    }
}
