import Foundation

/// A wiki page path such as `runbooks/db-failover`; the only way a user's string reaches git.
///
/// The text is UTF-8 NFC, made of `/`-separated segments. Page `a/b` is the blob `a/b.md`.
public struct PageName: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The normalised name, without the `.md` extension.
    public let description: String

    /// The longest name accepted, in UTF-8 bytes (issue 2).
    public static let maximumBytes = 1024
    /// The longest segment accepted, in UTF-8 bytes: the common file-name limit of file systems (issue 2).
    public static let maximumSegmentBytes = 255

    /// Validates and NFC-normalises `text`; throws `StoreError.invalidPageName` naming the broken rule.
    public init(_ text: String) throws {
        do {
            description = try PathRules.validate(text)
        } catch {
            throw StoreError.invalidPageName(text, reason: error.text)
        }
    }

    /// Reads the name of a page from its path in the tree (`Page-Name.md`, `_Sidebar.md`, `a/b.md`).
    public init(filePath: String) throws {
        guard filePath.hasSuffix(PageName.fileExtension), filePath.utf8.count > PageName.fileExtension.utf8.count else {
            throw StoreError.invalidPageName(filePath, reason: "a page file ends in \(PageName.fileExtension)")
        }
        try self.init(String(filePath.dropLast(PageName.fileExtension.count)))
    }

    /// The extension that makes a file a page.
    public static let fileExtension = ".md"

    /// The path of the page's blob in the tree: the name plus `.md`.
    public var fileName: String { description + PageName.fileExtension }

    /// The folder part (`runbooks` for `runbooks/db-failover`), or "" at the root.
    public var folder: String {
        guard let slash = description.lastIndex(of: "/") else { return "" }
        return String(description[..<slash])
    }

    /// The last segment (`db-failover` for `runbooks/db-failover`).
    public var lastSegment: String {
        guard let slash = description.lastIndex(of: "/") else { return description }
        return String(description[description.index(after: slash)...])
    }

    /// Orders names by their UTF-8 bytes, as git orders paths.
    public static func < (lhs: PageName, rhs: PageName) -> Bool {
        lhs.description.utf8.lexicographicallyPrecedes(rhs.description.utf8)
    }
}

/// The rules shared by page names and attachment paths (issue 2), as one pure function.
enum PathRules {
    /// Why a path was refused, in words for the user.
    struct Violation: Error { let text: String }

    /// Returns the NFC form of `text`, or throws the first rule it breaks.
    static func validate(_ text: String) throws(Violation) -> String {
        // Foundation's canonical composition = Unicode NFC; two spellings of "é" name one page.
        let name = text.precomposedStringWithCanonicalMapping
        if name.isEmpty { throw Violation(text: "the name is empty") }
        if name.utf8.count > PageName.maximumBytes {
            throw Violation(text: "the name is longer than \(PageName.maximumBytes) bytes")
        }
        for scalar in name.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                throw Violation(text: "the name contains a control character (U+\(String(scalar.value, radix: 16, uppercase: true)))")
            }
            if scalar == "\\" { throw Violation(text: "the name contains a backslash") }
        }
        if name.hasPrefix("/") { throw Violation(text: "the name starts with /") }
        // Split keeping empty pieces, so "a//b" and "a/" are seen as empty segments.
        for segment in name.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty { throw Violation(text: "the name has an empty segment") }
            if segment == "." || segment == ".." { throw Violation(text: "the name has a \"\(segment)\" segment") }
            // A leading dot would reach .git-like and hidden files.
            if segment.hasPrefix(".") { throw Violation(text: "a segment starts with .") }
            if segment.hasPrefix(":") { throw Violation(text: "a segment starts with :") }
            if segment.utf8.count > PageName.maximumSegmentBytes {
                throw Violation(text: "a segment is longer than \(PageName.maximumSegmentBytes) bytes")
            }
        }
        return name
    }
}
