import WikiRender
import WikiStore

/// Turns WikiStore's structured diff into WikiRender's `DiffView` (the one place the two meet, ARCHITECTURE §3)
/// and into the values the diff, commit and history templates show for each file.
enum DiffPresenter {
    /// The `view` query value: unified (the default) or split; 400 for anything else.
    static func layout(_ request: Request) throws -> DiffRenderer.Layout {
        guard let text = request.queryValue("view"), !text.isEmpty else { return .unified }
        guard let layout = DiffRenderer.Layout(rawValue: text) else {
            throw HTTPError(.badRequest, "'view' must be unified or split.")
        }
        return layout
    }

    /// One file as plain values.
    static func view(_ file: FileDiff) -> DiffView.File {
        DiffView.File(oldPath: file.oldPath, newPath: file.newPath, change: change(file.change), isBinary: file.isBinary,
                      hunks: file.hunks.map { hunk in
                          DiffView.Hunk(header: hunk.header, lines: hunk.lines.map { line in
                              DiffView.Line(kind: kind(line.kind), oldNumber: line.oldNumber, newNumber: line.newNumber,
                                            text: line.text, changedRanges: line.changedRanges,
                                            missingNewline: line.missingNewline)
                          })
                      })
    }

    /// Each file with its path, labels, counts, anchor and rendered table, for `{{#files}}`.
    static func files(_ diff: Diff, layout: DiffRenderer.Layout, revision: Revision) -> TemplateValue {
        .list(diff.files.enumerated().map { index, file in
            let view = view(file)
            var added = 0, removed = 0
            for hunk in file.hunks {
                for line in hunk.lines {
                    if line.kind == .added { added += 1 } else if line.kind == .removed { removed += 1 }
                }
            }
            var values: [String: TemplateValue] = [
                "path": .string(view.path),
                "anchor": .string("file-\(index + 1)"),
                "change": .string(label(file.change)),
                "changeClass": .string(file.change.rawValue),
                "binary": .bool(file.isBinary),
                "added": .string("+\(added)"),
                "removed": .string("−\(removed)"),
                "html": .safeHTML(DiffRenderer.render(view, layout: layout, label: "Changes to \(view.path)")),
            ]
            if file.change == .renamed, let old = file.oldPath { values["renamedFrom"] = .string(old) }
            // A page links to itself at the revision; an attachment to its bytes there.
            if file.change != .deleted, let path = file.newPath {
                if let name = try? PageName(filePath: path) {
                    values["fileHref"] = .string(PagePresenter.href(name) + "?rev=" + revision.id.description)
                } else {
                    values["fileHref"] = .string("/files/" + PercentEncoding.encodePath(path) + "?rev=" + revision.id.description)
                }
            }
            return .dictionary(values)
        })
    }

    /// A short word for how a file changed.
    static func label(_ change: ChangeKind) -> String {
        switch change {
        case .added: "added"
        case .modified: "modified"
        case .deleted: "deleted"
        case .renamed: "renamed"
        case .typeChanged: "type changed"
        }
    }

    /// WikiStore's change kind as WikiRender's.
    private static func change(_ change: ChangeKind) -> DiffView.Change {
        switch change {
        case .added: .added
        case .modified: .modified
        case .deleted: .deleted
        case .renamed: .renamed
        case .typeChanged: .typeChanged
        }
    }

    /// WikiStore's line kind as WikiRender's.
    private static func kind(_ kind: Line.Kind) -> DiffView.Line.Kind {
        switch kind {
        case .context: .context
        case .added: .added
        case .removed: .removed
        }
    }
}
