import Foundation

/// File names and embedding snippets for attachments.
enum UploadPresenter {
    /// Extensions a page can show inline with `![](…)`.
    static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "webp", "avif"]

    /// True when `path` names an image a page can embed.
    static func isImage(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: ".") else { return false }
        return imageExtensions.contains(path[path.index(after: dot)...].lowercased())
    }

    /// The file name a browser sent, reduced to its last component with spaces as `-`; nil when nothing is left.
    static func safeFileName(_ sent: String) -> String? {
        // Old browsers send the full client path (`C:\Users\…\a.png`); keep the last component only.
        let last = sent.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let name = last.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "-")
        return name.isEmpty || name == "." || name == ".." ? nil : name
    }

    /// The link text for an attachment: its file name without the extension.
    static func label(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let stem = file.lastIndex(of: ".").map { String(file[..<$0]) } ?? file
        // `[` and `]` would end the Markdown link text early.
        return stem.filter { $0 != "[" && $0 != "]" }
    }
}
