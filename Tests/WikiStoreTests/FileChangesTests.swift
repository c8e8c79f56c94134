import Foundation
import Testing
@testable import WikiStore

/// `Wiki.fileChanges(from:to:)` and `blob(_:)`: what a derived index outside WikiStore re-reads when main moves.
@Suite struct FileChangesTests {
    private let author = Person(name: "A", email: "a@example.com")

    @Test("Adds, edits, renames and deletes name each path once, with the blob at the new commit (nil when gone)")
    func smallChange() throws {
        let fixture = try TemporaryWiki(pages: ["Keep": "k\n", "Edit": "e\n", "Move": "m\n", "Gone": "g\n"])
        let before = try fixture.tip()
        try fixture.save("Edit", "e2\n", base: try fixture.tip())
        _ = try fixture.wiki.rename(PageName("Move"), to: PageName("Moved"), author: author)
        _ = try fixture.wiki.delete(PageName("Gone"), author: author)
        try fixture.save("New", "n\n", base: try fixture.tip())
        let changes = try fixture.wiki.fileChanges(from: before.id, to: try fixture.tip().id)
        #expect(changes.map(\.path) == ["Edit.md", "Gone.md", "Move.md", "Moved.md", "New.md"])
        #expect(changes.filter { $0.blobID == nil }.map(\.path) == ["Gone.md", "Move.md"])
        let edited = try #require(changes.first { $0.path == "Edit.md" }?.blobID)
        #expect(try fixture.wiki.blob(edited) == Array("e2\n".utf8))
        #expect(try fixture.git("rev-parse", "main:Moved.md").trimmingCharacters(in: .newlines) == changes.first { $0.path == "Moved.md" }?.blobID?.description)
    }

    @Test("From the empty tree every file is new; over the tree-walk threshold the blob ids are the same as git's")
    func wholeTree() throws {
        var pages: [String: String] = [:]
        for index in 0..<(Wiki.treeWalkThreshold + 8) { pages["folder/page-\(index)"] = "page \(index)\n" }
        let fixture = try TemporaryWiki(pages: pages)
        try fixture.wiki.upload(path: "folder/pic.png", bytes: [1, 2, 3], author: author)
        let changes = try fixture.wiki.fileChanges(from: nil, to: try fixture.tip().id)
        #expect(changes.count == pages.count + 1)
        for change in changes {
            #expect(try fixture.git("rev-parse", "main:\(change.path)").trimmingCharacters(in: .newlines) == change.blobID?.description, "\(change.path)")
        }
        #expect(try fixture.wiki.fileChanges(from: try fixture.tip().id, to: try fixture.tip().id).isEmpty)
    }
}
