import Foundation
import Testing
import WikiStore
@testable import WikiHTTP

/// `POST /proposals` with mboxes written by the real `git format-patch`, merged, and compared with the real git.
@Suite("Proposals from mboxes", .serialized)
struct ProposalMboxTests {
    /// POSTs `mbox` as `application/mbox` with `name`'s Basic credentials, or from `session` (a browser's cookie).
    static func post(_ mbox: String, to site: ProposalSite, as name: String?, session: String? = nil) throws -> TestClient.Response {
        let body = Array(mbox.utf8)
        var head = "POST /proposals HTTP/1.1\r\nHost: 127.0.0.1:\(site.port)\r\nConnection: close\r\n"
            + "Content-Type: application/mbox\r\nContent-Length: \(body.count)\r\n"
        if let name { head += "\(site.basic(name).0): \(site.basic(name).1)\r\n" }
        if let session { head += "Cookie: \(Authenticator.cookieName)=\(session)\r\n" }
        let client = try TestClient(port: site.port)
        try client.send(Array((head + "\r\n").utf8) + body)
        return try client.readResponse()
    }

    @Test("format-patch → POST → 201 Location → merge: main has the patch's author, date, zone and message")
    func roundTrip() throws {
        let site = try ProposalSite()
        let clone = try site.clone()
        try Data("# Home\n\nöne\ntwo\n".utf8).write(to: URL(fileURLWithPath: clone).appendingPathComponent("Home.md"))
        try site.git(["add", "Home.md"], in: clone)
        try site.git(["-c", "user.name=Jörg Müller", "-c", "user.email=joerg@example.com", "commit", "-q", "--author=Jörg Müller <joerg@example.com>",
                      "--date=2026-03-01T10:00:00+0530", "-m", "Füx the welcome\n\nA longer body\nover two lines."], in: clone)
        let mbox = try site.git(["format-patch", "-1", "--stdout"], in: clone) + "\n"
        let created = try Self.post(mbox, to: site, as: "cora")
        #expect(created.status == 201 && created.header("Location") == "/proposals/1", "\(created.text)")
        let proposal = try site.wiki.proposal(1)
        #expect(proposal.proposal.title == "Füx the welcome" && proposal.proposal.proposer.login == "cora")
        #expect(proposal.commits.map(\.author.name) == ["Jörg Müller"])
        #expect(try site.script("POST", "/proposals/1/merge", form: [], as: "mona").status == 303)
        let format = "--format=%an|%ae|%ad|%B"
        #expect(try site.server("log", "-1", "--date=raw", format, "main") == site.git(["log", "-1", "--date=raw", format], in: clone))
        #expect(try site.server("rev-parse", "main^{tree}") == site.git(["rev-parse", "HEAD^{tree}"], in: clone))
    }

    @Test("A series of three patches by two authors becomes one proposal of three commits, in order")
    func series() throws {
        let site = try ProposalSite()
        let clone = try site.clone()
        try site.commit(in: clone, file: "Idea.md", text: "idea\n", as: "cora", message: "Add an idea")
        try site.commit(in: clone, file: "Plan.md", text: "plan\n", as: "eddie", message: "Add a plan")
        try site.commit(in: clone, file: "Idea.md", text: "idea, planned\n", as: "cora", message: "Link the idea to the plan")
        let created = try Self.post(try site.git(["format-patch", "-3", "--stdout"], in: clone) + "\n", to: site, as: "eddie")
        #expect(created.status == 201)
        let proposal = try site.wiki.proposal(1)
        #expect(proposal.commits.map(\.summary) == ["Add an idea", "Add a plan", "Link the idea to the plan"])
        #expect(proposal.commits.map(\.author.name) == ["Cora Q", "Eddie Q", "Cora Q"])
        #expect(try site.script("POST", "/proposals/1/merge", form: [("strategy", "merge")], as: "mona").status == 303)
        let format = "--format=%an|%s"
        #expect(try site.server("log", "-3", format, "main") == site.git(["log", "-3", format], in: clone))
        #expect(try site.server("rev-parse", "main^{tree}") == site.git(["rev-parse", "HEAD^{tree}"], in: clone))
    }

    @Test("A patch that does not apply is 422 naming the file, and creates nothing")
    func doesNotApply() throws {
        let site = try ProposalSite()
        let clone = try site.clone()
        try site.commit(in: clone, file: "Home.md", text: ProposalSite.home.replacingOccurrences(of: "three", with: "THREE"), message: "Shout")
        let mbox = try site.git(["format-patch", "-1", "--stdout"], in: clone) + "\n"
        _ = try site.wiki.save(PageEdit(name: PageName("Home"), content: Array("# Home\n\nrewritten\n".utf8), message: "Rewrite",
                                        base: try site.wiki.head(), author: Person(name: "Web", email: "web@example.com")))
        let refs = try site.server("for-each-ref")
        let refused = try Self.post(mbox, to: site, as: "cora")
        #expect(refused.status == 422 && refused.text.contains("Home.md"), "\(refused.text)")
        #expect(try site.server("for-each-ref") == refs && site.wiki.proposals().isEmpty)
        let garbage = try Self.post("not a patch at all\n", to: site, as: "cora")
        #expect(try garbage.status == 400 && site.wiki.proposals().isEmpty)
    }

    @Test("The browser upload form opens a proposal (303); without the CSRF token, or a bare mbox from a session, 403")
    func uploadForm() throws {
        let site = try ProposalSite()
        let clone = try site.clone()
        try site.commit(in: clone, file: "Idea.md", text: "idea\n", message: "Add an idea")
        let mbox = try site.git(["format-patch", "-1", "--stdout"], in: clone) + "\n"
        var (cora, token) = try site.browser("cora")
        let form = try cora.send("GET", "/proposals/new")
        #expect(form.status == 200 && form.text.contains("name=\"patch\""))
        #expect(try cora.send("POST", "/proposals", form: [("patch", mbox)], multipart: true).status == 403)
        #expect(try Self.post(mbox, to: site, as: nil, session: cora.session).status == 403)
        #expect(try site.wiki.proposals().isEmpty)
        let opened = try cora.send("POST", "/proposals", form: [("csrf", token), ("title", "An idea from a patch"), ("patch", mbox)],
                                   multipart: true)
        #expect(opened.status == 303 && opened.header("Location") == "/proposals/1")
        #expect(try site.wiki.proposal(1).proposal.title == "An idea from a patch")
        var (rita, ritaToken) = try site.browser("rita")
        #expect(try rita.send("POST", "/proposals", form: [("csrf", ritaToken), ("patch", mbox)], multipart: true).status == 403)
    }
}
