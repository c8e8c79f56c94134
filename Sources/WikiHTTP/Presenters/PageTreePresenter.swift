import WikiRender
import WikiStore

/// The page index as nested lists. Templates cannot recurse without a depth limit, so the tree is walked
/// here into a flat list of items, each saying how many open folder lists close before it (`closes`);
/// the template writes `</ul></li>` once per entry of `closes`.
enum PageTreePresenter {
    /// A folder's children by name.
    private final class Folder {
        var folders: [String: Folder] = [:]
        var files: [TreeEntry] = []
    }

    /// One step of the walk (an explicit stack, no recursion): a folder with its name and path, a file, or the end of a folder.
    private enum Step { case folder(String, String, Folder), file(TreeEntry), end }

    /// The items of the tree, folders first then files, each level sorted by name case-insensitively.
    static func items(_ entries: [TreeEntry]) -> (items: TemplateValue, trailingCloses: TemplateValue) {
        let root = Folder()
        for entry in entries {
            var folder = root
            let parts = entry.path.split(separator: "/").map(String.init)
            let parents = entry.kind == .folder ? parts : Array(parts.dropLast())
            for part in parents {
                if let next = folder.folders[part] { folder = next } else {
                    let next = Folder()
                    folder.folders[part] = next
                    folder = next
                }
            }
            if entry.kind != .folder { folder.files.append(entry) }
        }
        var items: [TemplateValue] = []
        var pendingCloses = 0
        var stack: [Step] = steps(root, path: "").reversed()
        while let step = stack.popLast() {
            switch step {
            case .end:
                pendingCloses += 1
            case .folder(let name, let path, let folder):
                items.append(.dictionary([
                    "closes": closes(pendingCloses), "isFolder": true, "name": .string(name), "id": .string(path),
                ]))
                pendingCloses = 0
                stack.append(.end)
                stack += steps(folder, path: path).reversed()
            case .file(let entry):
                items.append(file(entry, closes: closes(pendingCloses)))
                pendingCloses = 0
            }
        }
        return (.list(items), closes(pendingCloses))
    }

    /// The children of `folder` as steps: folders first, then files, each sorted case-insensitively.
    private static func steps(_ folder: Folder, path: String) -> [Step] {
        let folders = folder.folders.sorted { $0.key.lowercased() < $1.key.lowercased() }
            .map { Step.folder($0.key, path.isEmpty ? $0.key : path + "/" + $0.key, $0.value) }
        let files = folder.files.sorted { $0.path.lowercased() < $1.path.lowercased() }.map { Step.file($0) }
        return folders + files
    }

    /// A page (linked to /wiki) or an attachment (linked to /files, with its size).
    private static func file(_ entry: TreeEntry, closes: TemplateValue) -> TemplateValue {
        let last = entry.path.split(separator: "/").last.map(String.init) ?? entry.path
        if let name = entry.pageName {
            return .dictionary(["closes": closes, "isPage": true, "name": .string(name.lastSegment),
                                "href": .string(PagePresenter.href(name))])
        }
        return .dictionary(["closes": closes, "isAttachment": true, "name": .string(last),
                            "href": .string("/files/" + PercentEncoding.encodePath(entry.path)),
                            "size": .string(byteSize(entry.size))])
    }

    /// `count` markers, one `</ul></details></li>` each.
    private static func closes(_ count: Int) -> TemplateValue { .list(Array(repeating: .bool(true), count: count)) }

    /// `812 B`, `4.2 KB`, `3.1 MB`.
    static func byteSize(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        let rounded = (value * 10).rounded() / 10
        return (rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)) + " " + units[unit]
    }
}
