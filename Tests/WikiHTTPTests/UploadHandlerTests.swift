import Foundation
import Testing
@testable import WikiHTTP
import WikiStore

/// `/upload`: one commit per file, then embedded in a page.
@Suite struct UploadHandlerTests {
    /// A 1×1 PNG.
    static let png: [UInt8] = Array(Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==") ?? Data())

    @Test("Uploading to /upload/{path} stores the bytes in one commit with the user as author")
    func uploadPath() throws {
        let site = try WikiTestServer(pages: ["Home": "x\n"])
        let response = try site.upload("/upload/images/dot.png", fileName: "whatever.png", bytes: Self.png, fields: [("message", "Add dot")])
        #expect(response.status == 303)
        #expect(response.header("Location") == "/upload?done=images%2Fdot.png")
        #expect(try site.wiki.file("images/dot.png").bytes == Self.png)
        #expect(try site.commitCount() == 2)
        #expect(try site.newest().message == "Add dot\n" && site.newest().author.name == "Ed Itor")
        let done = try site.request("GET", "/upload?done=images%2Fdot.png", user: "editor")
        #expect(done.text.contains("![dot](/files/images/dot.png)"))
    }

    @Test("The form's folder path takes the file's own name; an image then embeds in a page")
    func uploadFormAndEmbed() throws {
        let site = try WikiTestServer(pages: ["Home": "x\n"])
        #expect(try site.request("GET", "/upload", user: "editor").text.contains("enctype=\"multipart/form-data\""))
        let response = try site.upload("/upload", fileName: "my dot.png", bytes: Self.png, fields: [("path", "uploads/")])
        #expect(response.status == 303)
        #expect(try site.wiki.file("uploads/my-dot.png").bytes == Self.png)
        let base = try site.wiki.head()?.id.description ?? ""
        #expect(try site.post("/edit/Home", [("content", "![dot](/files/uploads/my-dot.png)\n"), ("base", base)]).status == 303)
        let page = try site.request("GET", "/wiki/Home")
        // The image element itself is the Markdown renderer's (its tests); the browser test checks it loads.
        #expect(page.text.contains("/files/uploads/my-dot.png"))
    }

    @Test("Refused uploads commit nothing: no file, a page path, no CSRF, a reader")
    func refused() throws {
        let site = try WikiTestServer(pages: ["Home": "x\n"])
        let noFile = try site.post("/upload/a.png", [("message", "x")])
        #expect(noFile.status == 400)
        #expect(try site.upload("/upload/Home.md", fileName: "x.md", bytes: [1]).status == 400)
        #expect(try site.upload("/upload/a.png", fileName: "a.png", bytes: [1], user: "reader").status == 403)
        #expect(try site.request("POST", "/upload/a.png", user: "editor",
                                 headers: ["Content-Type": "multipart/form-data; boundary=b"],
                                 body: Array("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\nx\r\n--b--\r\n".utf8)).status == 403)
        #expect(try site.commitCount() == 1)
    }
}
