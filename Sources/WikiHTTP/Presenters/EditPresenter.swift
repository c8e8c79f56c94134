import WikiRender
import WikiStore

/// What the edit and conflict templates show: the form's fields, and for a conflict both texts and
/// the line diff between them. Every value is a plain string, escaped by the template.
enum EditPresenter {
    /// The edit form of `name` holding `text`, read at `base`; without `canSave` it only proposes.
    static func form(name: PageName, text: String, base: Revision?, message: String, csrf: String?,
                     isNew: Bool, canSave: Bool = true) -> TemplateValue {
        .dictionary(fields(name: name, text: text, base: base, message: message, csrf: csrf).merging([
            "title": .string((isNew ? "New page: " : "Editing ") + name.description),
            "isNew": .bool(isNew),
            "canSave": .bool(canSave),
        ]) { $1 })
    }

    /// The 409 page: the user's text still in the form (based on the current tip, so saving again
    /// works), the current text, and the diff from the current text to the user's.
    static func conflict(name: PageName, conflict: Conflict, message: String, csrf: String?, heading: String) -> TemplateValue {
        let ours = String(decoding: conflict.ours, as: UTF8.self)
        let theirs = String(decoding: conflict.theirs, as: UTF8.self)
        let rows = LineDiff.rows(from: theirs, to: ours)
        return .dictionary(fields(name: name, text: ours, base: conflict.current, message: message, csrf: csrf).merging([
            "title": .string("Conflict: " + name.description),
            "heading": .string(heading),
            "current": .string(theirs),
            "currentShortID": .string(conflict.current.shortID),
            "currentID": .string(conflict.current.id.description),
            "pageDeleted": .bool(conflict.theirs.isEmpty),
            "diff": .list(rows.map(row)),
            "hasDiff": .bool(rows.contains { $0.kind != .context }),
        ]) { $1 })
    }

    /// Browsers send a textarea's lines with CRLF (HTML §4.10.11 form submission); pages are stored with LF.
    static func normalizedText(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var previousCR = false
        for byte in text.utf8 {
            if previousCR && byte != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
            previousCR = byte == UInt8(ascii: "\r")
            if !previousCR { bytes.append(byte) }
        }
        if previousCR { bytes.append(UInt8(ascii: "\n")) }
        return bytes
    }

    private static func fields(name: PageName, text: String, base: Revision?, message: String, csrf: String?) -> [String: TemplateValue] {
        [
            "name": .string(name.description),
            "content": .string(text),
            "base": .string(base?.id.description ?? ""),
            "message": .string(message),
            "csrf": .string(csrf ?? ""),
            "breadcrumbs": PagePresenter.breadcrumbs(for: name),
            "links": .dictionary([
                "view": .string(PagePresenter.href(name)),
                "edit": .string(PagePresenter.href(name, route: "edit")),
                "history": .string(PagePresenter.href(name, route: "history")),
                "rename": .string(PagePresenter.href(name, route: "rename")),
                "delete": .string(PagePresenter.href(name, route: "delete")),
                "propose": .string(PagePresenter.href(name, route: "propose")),
            ]),
        ]
    }

    private static func row(_ line: LineDiff.Row) -> TemplateValue {
        let (kind, sign) = switch line.kind {
        case .context: ("ctx", " ")
        case .added: ("add", "+")
        case .removed: ("del", "-")
        }
        return .dictionary([
            "kind": .string(kind),
            "sign": .string(sign),
            "old": .string(line.oldNumber.map(String.init) ?? ""),
            "new": .string(line.newNumber.map(String.init) ?? ""),
            "text": .string(line.text),
        ])
    }
}
