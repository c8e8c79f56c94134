/// The path of an attachment such as `images/diagram.png`: validated like a page name, with its own extension.
public struct AttachmentPath: Hashable, Sendable, CustomStringConvertible {
    /// The normalised path, as stored in the tree.
    public let description: String

    /// Validates `text` with the page-name rules and requires an extension other than `.md`
    /// (a `.md` file is a page and is written with `save`).
    public init(_ text: String) throws {
        let path: String
        do {
            path = try PathRules.validate(text)
        } catch {
            throw StoreError.invalidPath(text, reason: error.text)
        }
        let last = path.split(separator: "/").last ?? Substring(path)
        guard let dot = last.lastIndex(of: "."), last.index(after: dot) < last.endIndex else {
            throw StoreError.invalidPath(text, reason: "an attachment needs a file extension")
        }
        if last[dot...].lowercased() == PageName.fileExtension {
            throw StoreError.invalidPath(text, reason: "a .md file is a page, not an attachment")
        }
        description = path
    }
}
