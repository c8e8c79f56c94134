import Foundation
import Testing
import WikiStore
@testable import WikiHTTP

/// The knowledge index moved commit by commit must describe exactly what an index built from scratch at the
/// same commit describes: backlinks, tags and broken links (the incremental path is the one serve takes).
@Suite struct KnowledgeSnapshotTests {
    private func everything(_ snapshot: KnowledgeSnapshot) -> String {
        var lines: [String] = []
        for page in snapshot.facts.keys.sorted() {
            lines.append("\(page) <- \(snapshot.backlinks(to: page).map(\.description).joined(separator: ","))")
        }
        for tag in snapshot.tags.keys.sorted() { lines.append("#\(tag): \(snapshot.pages(tagged: tag).map(\.description))") }
        for link in snapshot.brokenLinks() { lines.append("broken \(link.source) \(link.written) -> \(link.target)") }
        return lines.joined(separator: "\n")
    }

    @Test("Advancing through adds, edits, renames, deletes and a page that appears under a linked name equals a fresh build")
    func incrementalEqualsFresh() throws {
        let directory = NSTemporaryDirectory() + "opswiki-snapshot-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let wiki = try Wiki.create(at: directory)
        let author = Person(name: "A", email: "a@example.com")
        func save(_ name: String, _ text: String) throws {
            _ = try wiki.save(PageEdit(name: try PageName(name), content: Array(text.utf8), message: "", base: try wiki.head(), author: author))
        }
        var incremental = KnowledgeSnapshot()
        var descriptions: [String] = []
        let steps: [() throws -> Void] = [
            { try save("Home", "[[Runbook A]] [[runbooks/db]] [rel](runbooks/cache) [[Later Page]]\n") },
            { try save("runbooks/db", "---\ntags: [db, ops]\n---\n[[Home]] [sibling](cache) [up](../Home)\n") },
            { try save("runbooks/cache", "---\ntags: [ops]\n---\n[[runbooks/db]]\n") },
            { try save("Runbook-A", "[[Home]]\n") },
            { _ = try wiki.rename(PageName("runbooks/db"), to: PageName("runbooks/database"), author: author) },
            { try save("runbooks/cache", "---\ntags: [cache]\n---\n[[runbooks/database]] [[Home]] [notes](notes.txt)\n") },
            { try save("Later Page", "now it exists\n") },
            { try save("_Sidebar", "[[Home]] [[runbooks/cache]]\n") },
            { _ = try wiki.delete(PageName("Runbook-A"), author: author) },
            { _ = try wiki.upload(path: "runbooks/notes.txt", bytes: [1], author: author) },
        ]
        for step in steps {
            try step()
            incremental = try incremental.advanced(to: try wiki.head()?.id, in: wiki)
            let fresh = try KnowledgeSnapshot().advanced(to: try wiki.head()?.id, in: wiki)
            #expect(everything(incremental) == everything(fresh))
            descriptions.append(everything(incremental))
        }
        // Spot checks on the end state, so the equality above is not between two empty answers.
        #expect(incremental.backlinks(to: try PageName("Home")).map(\.description) == ["runbooks/cache", "runbooks/database"])
        #expect(incremental.backlinks(to: try PageName("Later Page")).map(\.description) == ["Home"])
        #expect(incremental.pages(tagged: "ops").map(\.description) == ["runbooks/database"])
        #expect(incremental.brokenLinks().map(\.written) == ["[[Runbook A]]", "[[runbooks/db]]"])
        #expect(descriptions[4].contains("broken Home [[runbooks/db]] -> runbooks/db"))
        #expect(descriptions[8].contains("broken runbooks/cache notes.txt -> runbooks/notes.txt"))
    }
}
