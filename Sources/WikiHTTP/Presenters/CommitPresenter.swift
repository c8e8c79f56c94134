import WikiRender
import WikiStore

/// The values of one commit for lists and the commit page: who, when, the summary and the message body.
enum CommitPresenter {
    /// Id, short id, author, dates and summary, plus the commit's link.
    static func summary(_ commit: Commit) -> [String: TemplateValue] {
        [
            "id": .string(commit.id.description),
            "shortID": .string(commit.revision.shortID),
            "href": .string("/commit/" + commit.id.description),
            "author": .string(commit.author.name),
            "iso": .string(DateText.iso(commit.author.date)),
            "relative": .string(DateText.relative(commit.author.date)),
            "summary": .string(commit.summary.isEmpty ? "(no message)" : commit.summary),
        ]
    }

    /// The message after its first paragraph, as paragraphs (each shown with its line breaks).
    static func bodyParagraphs(_ message: String) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in message.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")); current = [] }
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
        return Array(paragraphs.dropFirst())
    }

    /// The pages (linked) and attachments a commit changed, for the recent changes list.
    static func changedFiles(_ files: [ChangedFile]) -> TemplateValue {
        .list(files.map { file in
            var values: [String: TemplateValue] = [
                "path": .string(file.path),
                "change": .string(DiffPresenter.label(file.change)),
                "changeClass": .string(file.change.rawValue),
            ]
            if file.change != .deleted, let path = file.newPath {
                if let name = try? PageName(filePath: path) {
                    values["fileHref"] = .string(PagePresenter.href(name))
                    values["path"] = .string(name.description)
                } else {
                    values["fileHref"] = .string("/files/" + PercentEncoding.encodePath(path))
                }
            }
            return .dictionary(values)
        })
    }
}
