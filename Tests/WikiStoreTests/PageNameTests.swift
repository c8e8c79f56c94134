import Testing
@testable import WikiStore

@Suite("PageName and AttachmentPath rules (issue 2)")
struct PageNameTests {
    @Test("Accepted names keep their text", arguments: [
        "Home", "runbooks/db-failover", "Page-Name", "_Sidebar", "Ünïcödé/页面 Ω", "with space", "a:b", "x.y/z.v2",
        String(repeating: "a", count: 255), // 1,024 bytes: 3 × 255 + 250 + 5 + 4 slashes.
        (Array(repeating: String(repeating: "b", count: 255), count: 3) + [String(repeating: "c", count: 250), "ddddd"]).joined(separator: "/"),
    ])
    func accepted(_ text: String) throws {
        #expect(try PageName(text).description == text)
        #expect(try PageName(text).fileName == text + ".md")
    }

    @Test("Rejected names name the broken rule", arguments: [
        ("", "empty"), ("/a", "starts with /"), ("a/", "empty segment"), ("a//b", "empty segment"),
        (".", "\".\" segment"), ("..", "\"..\" segment"), ("a/../b", "\"..\" segment"), (".hidden", "starts with ."),
        ("a/.git", "starts with ."), ("a\u{0}b", "control character"), ("a\nb", "control character"),
        ("tab\there", "control character"), ("del\u{7F}", "control character"), ("c1\u{85}", "control character"),
        ("a\\b", "backslash"), (":a", "starts with :"), ("a/:b", "starts with :"),
        (String(repeating: "s", count: 256), "segment is longer than 255"),
        (Array(repeating: String(repeating: "n", count: 200), count: 6).joined(separator: "/"), "longer than 1024"),
    ])
    func rejected(_ text: String, _ reason: String) {
        #expect {
            try PageName(text)
        } throws: { error in
            guard case StoreError.invalidPageName(let name, let why) = error else { return false }
            return name == text && why.contains(reason)
        }
    }

    @Test("Names are NFC: a decomposed é names the same page as a precomposed one")
    func normalisesToNFC() throws {
        let decomposed = try PageName("Cafe\u{301}")
        #expect(decomposed == (try PageName("Caf\u{E9}")))
        #expect(Array(decomposed.description.utf8) == [0x43, 0x61, 0x66, 0xC3, 0xA9])
    }

    @Test("A multi-byte segment is measured in UTF-8 bytes")
    func segmentLimitCountsBytes() throws {
        _ = try PageName(String(repeating: "é", count: 127))          // 254 bytes
        #expect(throws: StoreError.self) { try PageName(String(repeating: "é", count: 128)) }   // 256 bytes
    }

    @Test("GitHub and Gollum file names read as they are", arguments: [
        ("Page-Name.md", "Page-Name"), ("_Sidebar.md", "_Sidebar"), ("_Footer.md", "_Footer"), ("a/b.md", "a/b"),
    ])
    func fromFilePath(_ path: String, _ name: String) throws {
        #expect(try PageName(filePath: path).description == name)
        #expect(try PageName(filePath: path).fileName == path)
    }

    @Test("A file path that is not a page is refused", arguments: ["a/b.txt", ".md", "a/.md", "image.png"])
    func fromFilePathRejected(_ path: String) {
        #expect(throws: StoreError.self) { try PageName(filePath: path) }
    }

    @Test("Folder and last segment", arguments: [("a/b/c", "a/b", "c"), ("Home", "", "Home")])
    func parts(_ text: String, _ folder: String, _ last: String) throws {
        let name = try PageName(text)
        #expect(name.folder == folder)
        #expect(name.lastSegment == last)
    }

    @Test("Attachment paths accepted", arguments: ["img/diagram.png", "notes.txt", "a/b/archive.tar.gz", "Dïagramm.SVG"])
    func attachmentAccepted(_ text: String) throws {
        #expect(try AttachmentPath(text).description == text)
    }

    @Test("Attachment paths rejected", arguments: [
        ("page.md", "is a page"), ("Page.MD", "is a page"), ("noextension", "needs a file extension"),
        ("trailingdot.", "needs a file extension"), ("../up.png", "\"..\" segment"), ("a/.env.png", "starts with ."),
    ])
    func attachmentRejected(_ text: String, _ reason: String) {
        #expect {
            try AttachmentPath(text)
        } throws: { error in
            guard case StoreError.invalidPath(_, let why) = error else { return false }
            return why.contains(reason)
        }
    }
}
