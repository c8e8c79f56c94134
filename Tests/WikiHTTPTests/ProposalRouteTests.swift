import Foundation
import Testing
import WikiStore
@testable import WikiHTTP

/// Proposals end to end: the real git client pushes to refs/for/main, browsers and scripts review, comment,
/// close and merge over real sockets, and the repository is checked with the real git.
@Suite("Proposal routes", .serialized)
struct ProposalRouteTests {
    @Test("A push to refs/for/main opens a proposal with its review record; the same topic updates it")
    func pushOpensAndUpdates() throws {
        let site = try ProposalSite()
        let tip = try site.tip()
        let clone = try site.clone()
        let first = try site.commit(in: clone, file: "Idea.md", text: "an idea\n", message: "Add an idea")
        let output = try site.propose(from: clone, options: ["topic=idea", "description=Why **not**?"])
        #expect(output.contains("proposal 1 opened: /proposals/1 (topic=idea)"))
        let record = try site.wiki.proposal(1).proposal
        #expect(record.proposer == Participant(login: "cora", name: "Cora Q", email: "cora@example.com"))
        #expect(record.title == "Add an idea" && record.description == "Why **not**?" && record.topic == "idea")
        #expect(try site.server("show", "refs/proposals/1/review:proposal.json").contains("\"login\" : \"cora\""))
        var (anonymous, _) = try site.browser(nil)
        let list = try anonymous.send("GET", "/proposals")
        #expect(list.status == 200 && list.text.contains("href=\"/proposals/1\">Add an idea</a>"))
        let page = try anonymous.send("GET", "/proposals/1")
        #expect(page.status == 200)
        #expect(page.text.contains("Cora Q") && page.text.contains(String(first.prefix(7))) && page.text.contains("<strong>not</strong>"))
        #expect(page.text.contains("an idea") && page.text.contains("Preview after merging"))
        let second = try site.commit(in: clone, file: "Idea.md", text: "a better idea\n", message: "Improve the idea")
        #expect(try site.propose(from: clone, options: ["topic=idea"]).contains("proposal 1 updated"))
        let updated = try site.wiki.proposal(1)
        #expect(updated.head.description == second && updated.proposal.timeline.map(\.kind) == [.opened, .updated])
        #expect(updated.commits.map(\.summary) == ["Add an idea", "Improve the idea"])
        // Another user's push with the same topic opens a proposal of their own.
        #expect(try site.propose(from: clone, as: "eddie", options: ["topic=idea"]).contains("proposal 2 opened"))
        #expect(try site.tip() == tip && site.wiki.proposals().count == 2)
        let feed = try anonymous.send("GET", "/proposals.atom")
        #expect(feed.header("Content-Type") == "application/atom+xml; charset=utf-8" && feed.text.contains("#1 Add an idea [Open]"))
    }

    @Test("-o proposal=<id> updates that proposal for its proposer or a maintainer; anyone else is refused")
    func updateByNumber() throws {
        let site = try ProposalSite()
        let clone = try site.clone()
        try site.commit(in: clone, file: "Idea.md", text: "idea\n", message: "Add an idea")
        try site.propose(from: clone)
        let second = try site.commit(in: clone, file: "Idea.md", text: "idea 2\n", message: "Second idea")
        let refused = try site.run(["push", site.gitURL("eddie"), "HEAD:refs/for/main", "-o", "proposal=1"], as: "eddie", in: clone)
        #expect(refused.status != 0 && refused.output.contains("only they or a maintainer may update it"), "\(refused.output)")
        let missing = try site.run(["push", site.gitURL("cora"), "HEAD:refs/for/main", "-o", "proposal=9"], in: clone)
        #expect(missing.status != 0 && missing.output.contains("there is no proposal 9"), "\(missing.output)")
        #expect(try site.propose(from: clone, options: ["proposal=1"]).contains("proposal 1 updated"))
        #expect(try site.wiki.proposal(1).head.description == second)
        let third = try site.commit(in: clone, file: "Idea.md", text: "idea 3\n", message: "Third idea")
        #expect(try site.propose(from: clone, as: "mona", options: ["proposal=1"]).contains("proposal 1 updated"))
        let record = try site.wiki.proposal(1)
        #expect(record.head.description == third && record.proposal.timeline.map(\.actor.login) == ["cora", "cora", "mona"])
        #expect(try site.wiki.proposals().count == 1)
    }

    @Test("Comments are sanitized Markdown; the proposer may close with a comment, another editor may not")
    func commentAndClose() throws {
        let site = try ProposalSite()
        let clone = try site.clone()
        try site.commit(in: clone, file: "Idea.md", text: "idea\n", message: "Add an idea")
        try site.propose(from: clone)
        var (cora, coraToken) = try site.browser("cora")
        let comment = try cora.send("POST", "/proposals/1/comments",
                                    form: [("csrf", coraToken), ("body", "Looks **fine** <script>alert(1)</script>")])
        #expect(comment.status == 303 && comment.header("Location") == "/proposals/1#comment-1")
        let page = try cora.send("GET", "/proposals/1").text
        #expect(page.contains("<strong>fine</strong>") && !page.contains("<script>alert"))
        var (eddie, eddieToken) = try site.browser("eddie")
        let refused = try eddie.send("POST", "/proposals/1/close", form: [("csrf", eddieToken), ("body", "no")])
        #expect(try refused.status == 403 && site.wiki.proposal(1).proposal.state == .open)
        var (anonymous, _) = try site.browser(nil)
        #expect(try anonymous.send("POST", "/proposals/1/comments", form: [("body", "hi")]).status == 401)
        let closed = try cora.send("POST", "/proposals/1/close", form: [("csrf", coraToken), ("body", "Not needed after all.")])
        #expect(closed.status == 303)
        let record = try site.wiki.proposal(1).proposal
        #expect(record.state == .closed && record.decision?.by.login == "cora")
        #expect(record.comments.map(\.body) == ["Looks **fine** <script>alert(1)</script>", "Not needed after all."])
        #expect(try cora.send("POST", "/proposals/1/close", form: [("csrf", coraToken)]).status == 409)
        #expect(try cora.send("GET", "/proposals?state=closed").text.contains("href=\"/proposals/1\">Add an idea</a>"))
        let open = try cora.send("GET", "/proposals").text
        #expect(!open.contains("href=\"/proposals/1\"") && open.contains("No open proposals."))
        #expect(try cora.send("GET", "/proposals?state=bogus").status == 400)
    }

    @Test("Merging is for maintainers: contributors and editors get 403 and nothing changes")
    func mergeRefused() throws {
        let site = try ProposalSite()
        let clone = try site.clone()
        try site.commit(in: clone, file: "Idea.md", text: "idea\n", message: "Add an idea")
        try site.propose(from: clone)
        let tip = try site.tip(), review = try site.server("rev-parse", "refs/proposals/1/review")
        for name in ["cora", "eddie"] {
            var (browser, token) = try site.browser(name)
            #expect(try browser.send("POST", "/proposals/1/merge", form: [("csrf", token)]).status == 403)
            #expect(try site.script("POST", "/proposals/1/merge", form: [], as: name).status == 403)
        }
        #expect(try site.tip() == tip && site.server("rev-parse", "refs/proposals/1/review") == review)
        var (cora, _) = try site.browser("cora")
        #expect(!(try cora.send("GET", "/proposals/1").text.contains("Merge proposal</button>")))
    }

    @Test("A maintainer merges: fast-forward, then a merge commit; git log on main keeps the authors")
    func mergeKeepsAuthors() throws {
        let site = try ProposalSite()
        let clone = try site.clone()
        let idea = try site.commit(in: clone, file: "Idea.md", text: "idea\n", message: "Add an idea")
        try site.propose(from: clone, options: ["topic=idea"])
        try site.git(["reset", "-q", "--hard", "HEAD~1"], in: clone)
        try site.commit(in: clone, file: "Plan.md", text: "plan\n", as: "eddie", message: "Add a plan")
        try site.propose(from: clone, as: "eddie", options: ["topic=plan"])
        let first = try site.script("POST", "/proposals/1/merge", form: [("strategy", "merge")], as: "mona")
        #expect(first.status == 303 && first.header("Location") == "/proposals/1")
        #expect(try site.tip() == idea)
        var (mona, token) = try site.browser("mona")
        #expect(try mona.send("GET", "/proposals/2").text.contains("Main has moved on"))
        #expect(try mona.send("POST", "/proposals/2/merge", form: [("csrf", token), ("strategy", "merge")]).status == 303)
        let log = try site.server("log", "--format=%an%x09%cn%x09%s", "main").split(separator: "\n").map(String.init)
        #expect(log.first == "Mona Q\tMona Q\tMerge proposal #2: Add a plan")
        #expect(log.contains("Eddie Q\tEddie Q\tAdd a plan") && log.contains("Cora Q\tCora Q\tAdd an idea"))
        #expect(try site.wiki.proposal(2).proposal.decision?.method == .merge)
        let page = try mona.send("GET", "/proposals/2").text
        #expect(page.contains("Merged</strong> by Mona Q") && !page.contains("Merge proposal</button>"))
    }

    @Test("Squash: one commit on main by the proposal's author, committed by the maintainer")
    func squash() throws {
        let site = try ProposalSite()
        let clone = try site.clone()
        try site.commit(in: clone, file: "Idea.md", text: "idea\n", message: "Add an idea")
        try site.commit(in: clone, file: "Idea.md", text: "idea, refined\n", message: "Refine the idea")
        try site.propose(from: clone, options: ["title=An idea, refined"])
        let before = try site.tip()
        let merged = try site.script("POST", "/proposals/1/merge", form: [("strategy", "squash")], as: "mona")
        #expect(merged.status == 303)
        #expect(try site.server("log", "-1", "--format=%an%x09%cn%x09%s%x09%P", "main") == "Cora Q\tMona Q\tAn idea, refined\t\(before)")
        #expect(try site.server("show", "main:Idea.md") == "idea, refined")
        #expect(try site.script("POST", "/proposals/1/merge", form: [("strategy", "bogus")], as: "mona").status == 400)
    }

    @Test("A proposal that conflicts with main shows its files, cannot be merged (409) and nothing moves")
    func conflict() throws {
        let site = try ProposalSite()
        let clone = try site.clone()
        try site.commit(in: clone, file: "Home.md", text: ProposalSite.home.replacingOccurrences(of: "two", with: "TWO"), message: "Shout")
        try site.propose(from: clone)
        _ = try site.wiki.save(PageEdit(name: PageName("Home"), content: Array(ProposalSite.home.replacingOccurrences(of: "two", with: "2").utf8),
                                        message: "Number", base: try site.wiki.head(), author: Person(name: "Web", email: "web@example.com")))
        let tip = try site.tip()
        var (mona, token) = try site.browser("mona")
        let page = try mona.send("GET", "/proposals/1").text
        #expect(page.contains("conflicts with main in 1 file") && page.contains("<li class=\"mono\">Home.md</li>"))
        #expect(page.contains("<button type=\"submit\" class=\"primary\" disabled>Merge proposal</button>"))
        let refused = try mona.send("POST", "/proposals/1/merge", form: [("csrf", token)])
        #expect(refused.status == 409 && refused.text.contains("Home.md"))
        #expect(try site.tip() == tip && site.wiki.proposal(1).proposal.state == .open)
    }

    @Test("The review record survives a daemon restart and comes with a fresh git clone --mirror")
    func restartAndMirror() throws {
        let site = try ProposalSite()
        let clone = try site.clone()
        try site.commit(in: clone, file: "Idea.md", text: "idea\n", message: "Add an idea")
        try site.propose(from: clone)
        var (mona, token) = try site.browser("mona")
        #expect(try mona.send("POST", "/proposals/1/comments", form: [("csrf", token), ("body", "Remember the runbook link.")]).status == 303)
        try site.restart()
        var (visitor, _) = try site.browser(nil)
        let page = try visitor.send("GET", "/proposals/1")
        #expect(page.status == 200 && page.text.contains("Remember the runbook link."))
        let mirror = site.root.appendingPathComponent("mirror.git").path
        try site.git(["clone", "-q", "--mirror", "\(site.url)/wiki.git", mirror])
        #expect(try site.git(["--git-dir=\(mirror)", "show", "refs/proposals/1/review:proposal.json"]).contains("Remember the runbook link."))
        #expect(try site.git(["--git-dir=\(mirror)", "rev-list", "--count", "refs/proposals/1/review"]) == "2")
    }

    @Test("Propose this change: an editor's extra button and a contributor's only one; main does not move")
    func proposeFromEditor() throws {
        let site = try ProposalSite()
        let tip = try site.tip()
        var (eddie, eddieToken) = try site.browser("eddie")
        let form = try eddie.send("GET", "/edit/Home").text
        #expect(form.contains("Save changes</button>") && form.contains("formaction=\"/propose/Home\">Propose this change</button>"))
        let proposed = try eddie.send("POST", "/propose/Home", form: [("csrf", eddieToken), ("base", tip),
                                                                     ("content", ProposalSite.home + "seven\n"), ("message", "Count to seven")])
        #expect(proposed.status == 303 && proposed.header("Location") == "/proposals/1")
        var (cora, coraToken) = try site.browser("cora")
        let coraForm = try cora.send("GET", "/edit/Home").text
        #expect(!coraForm.contains("Save changes") && coraForm.contains("action=\"/propose/Home\""))
        #expect(try cora.send("POST", "/edit/Home", form: [("csrf", coraToken), ("base", tip), ("content", "x\n")]).status == 403)
        #expect(try cora.send("POST", "/propose/New-Page", form: [("csrf", coraToken), ("base", tip), ("content", "# New\n")]).status == 303)
        var (rita, ritaToken) = try site.browser("rita")
        #expect(try rita.send("POST", "/propose/Home", form: [("csrf", ritaToken), ("base", tip), ("content", "x\n")]).status == 403)
        #expect(try site.tip() == tip)
        let first = try site.wiki.proposal(1), second = try site.wiki.proposal(2)
        #expect(first.proposal.title == "Count to seven" && first.commits.map(\.author.name) == ["Eddie Q"])
        #expect(second.proposal.title == "Create New-Page" && second.proposal.proposer.login == "cora")
        #expect(second.diff.files.map(\.newPath) == ["New-Page.md"])
    }

    @Test("Every proposal POST from a browser without the CSRF token is 403 and changes nothing")
    func csrfRefused() throws {
        let site = try ProposalSite()
        let clone = try site.clone()
        try site.commit(in: clone, file: "Idea.md", text: "idea\n", message: "Add an idea")
        try site.propose(from: clone)
        let review = try site.server("rev-parse", "refs/proposals/1/review"), tip = try site.tip()
        var (mona, _) = try site.browser("mona")
        for (path, form) in [("/proposals/1/comments", [("body", "hi")]), ("/proposals/1/close", [("body", "bye")]),
                             ("/proposals/1/merge", [("strategy", "merge")]), ("/propose/Home", [("base", tip), ("content", "x\n")])] {
            #expect(try mona.send("POST", path, form: form + [("csrf", "forged")]).status == 403, "\(path)")
            #expect(try mona.send("POST", path, form: form).status == 403, "\(path)")
        }
        #expect(try site.server("rev-parse", "refs/proposals/1/review") == review && site.tip() == tip)
        #expect(try site.wiki.proposals().count == 1)
    }
}
