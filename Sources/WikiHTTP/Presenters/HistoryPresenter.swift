import WikiRender
import WikiStore

/// The values of a page's history list and of its blame.
enum HistoryPresenter {
    /// One row per revision: the commit, the page's path then (shown when it differs from `current`), and
    /// links to the revision, the commit and the diff against the previous revision. The first row is
    /// preselected as `to` and the second as `from` in the compare form.
    static func entries(_ entries: [HistoryEntry], current: PageName, isFirstPage: Bool) -> TemplateValue {
        .list(entries.enumerated().map { index, entry in
            var values = CommitPresenter.summary(entry.commit)
            let id = entry.commit.id.description
            let name = (try? PageName(filePath: entry.path)) ?? current
            values["change"] = .string(DiffPresenter.label(entry.change))
            values["changeClass"] = .string(entry.change.rawValue)
            if name != current { values["path"] = .string(name.description) }
            if let previous = entry.previousPath {
                values["renamedFrom"] = .string((try? PageName(filePath: previous))?.description ?? previous)
            }
            if entry.change != .deleted { values["viewHref"] = .string(PagePresenter.href(name) + "?rev=" + id) }
            values["diffHref"] = .string(PagePresenter.href(name, route: "diff") + "?to=" + id)
            values["toChecked"] = .bool(isFirstPage && index == 0)
            values["fromChecked"] = .bool(isFirstPage && index == 1)
            return .dictionary(values)
        })
    }

    /// Consecutive lines from the same commit as one group: the commit's values, the number of lines, the
    /// first line and the rest (the template gives the commit cell a `rowspan`).
    static func blameGroups(_ lines: [BlameLine]) -> TemplateValue {
        var groups: [TemplateValue] = []
        var start = 0
        while start < lines.count {
            var end = start + 1
            while end < lines.count, lines[end].commit == lines[start].commit { end += 1 }
            let first = lines[start]
            let shortID = String(first.commit.description.prefix(Revision.shortLength))
            let rows: [TemplateValue] = lines[start..<end].map {
                .dictionary(["number": .string(String($0.lineNumber)), "text": .string($0.text)])
            }
            groups.append(.dictionary([
                "id": .string(first.commit.description),
                "shortID": .string(shortID),
                "href": .string("/commit/" + first.commit.description),
                "author": .string(first.author.name),
                "iso": .string(DateText.iso(first.author.date)),
                "relative": .string(DateText.relative(first.author.date)),
                "summary": .string(first.summary),
                "span": .string(String(end - start)),
                "first": rows[0],
                "rest": .list(Array(rows.dropFirst())),
            ]))
            start = end
        }
        return .list(groups)
    }
}
