import Foundation
import Testing
import WikiStore
@testable import WikiHTTP

/// The contributor role: between reader and editor, read from users files, allowed to propose, not to edit main.
@Suite("Contributor role", .serialized)
struct ContributorRoleTests {
    @Test("Roles order reader < contributor < editor < maintainer")
    func order() {
        #expect(Role.allCases == [.reader, .contributor, .editor, .maintainer])
        #expect(Role.reader < .contributor && Role.contributor < .editor)
    }

    @Test("A users file line may name the contributor role; an unknown role lists it")
    func usersFile() throws {
        let hash = "$2y$05$abcdefghijklmnopqrstuu5Dh6Fa1F5F5b0Z1qJ8m7yK1iW0wM2zG"
        let file = try UsersFile(parsing: "cora:\(hash):contributor:cora@example.org:Cora Q\n")
        #expect(file.user(named: "cora")?.role == .contributor)
        #expect(file.text == "cora:\(hash):contributor:cora@example.org:Cora Q\n")
        #expect(throws: UsersFile.ParseError.self) { try UsersFile(parsing: "x:\(hash):admin\n") }
        do {
            _ = try UsersFile(parsing: "x:\(hash):admin\n")
        } catch let error as UsersFile.ParseError {
            #expect(error.message == "unknown role 'admin' (reader, contributor, editor or maintainer)")
        }
    }

    @Test("A contributor may not push to main, nor save, upload or rename; main does not move")
    func noDirectEdits() throws {
        let site = try ProposalSite()
        let tip = try site.tip()
        let clone = try site.clone()
        try site.commit(in: clone, file: "Idea.md", text: "idea\n", message: "Add an idea")
        let push = try site.run(["push", site.gitURL("cora"), "HEAD:main"], in: clone)
        #expect(push.status != 0 && push.output.contains("only maintainers may push to main"), "\(push.output)")
        var (cora, token) = try site.browser("cora")
        #expect(try cora.send("POST", "/edit/Home", form: [("csrf", token), ("base", tip), ("content", "x\n")]).status == 403)
        #expect(try cora.send("POST", "/rename/Home", form: [("csrf", token), ("to", "Start")]).status == 403)
        #expect(try cora.send("GET", "/edit/Home").status == 200)
        #expect(try site.tip() == tip)
    }
}
