import Foundation
import Testing
@testable import WikiHTTP

/// CSRF, origin, HTTP Basic, trusted proxies and `anonymous = none`, through the real server.
@Suite(.serialized)
struct AuthAccessTests {
    @Test("CSRF: a missing, wrong or foreign-origin write is 403 and commits nothing; the right one commits")
    func csrf() throws {
        let site = try AuthSite()
        var browser = site.browser()
        let token = try #require(try browser.signIn("eddie"))
        let before = try site.commitCount()
        let cases: [(form: [(String, String)], headers: [(String, String)])] = [
            ([("content", "x")], []),
            ([("csrf", String(token.reversed())), ("content", "x")], []),
            ([("csrf", ""), ("content", "x")], []),
            ([("csrf", token), ("content", "x")], [("Origin", "https://evil.example")]),
            ([("csrf", token), ("content", "x")], [("Origin", "null")]),
            ([("csrf", token), ("content", "x")], [("Referer", "http://evil.example/page")]),
        ]
        for (form, headers) in cases {
            let answer = try browser.send("POST", "/probe/save", form: form, headers: headers)
            #expect(answer.status == 403, "\(form) \(headers)")
        }
        #expect(try site.commitCount() == before)
        let sameOrigin = try browser.send("POST", "/probe/save", form: [("csrf", token), ("content", "ok")],
                                          headers: [("Origin", "http://127.0.0.1:\(site.port)")])
        #expect(sameOrigin.status == 303)
        #expect(try site.commitCount() == before + 1)
        #expect(try site.wiki.recentChanges(limit: 1).first?.commit.author.email == "eddie@example.com")
    }

    @Test("HTTP Basic: wrong credentials get the challenge; right ones need no CSRF token; a foreign Origin is still refused")
    func basic() throws {
        let site = try AuthSite()
        var script = site.browser()
        let wrong = try script.send("GET", "/wiki/Home", headers: [AuthFlowTests.basic("eddie", "wrong")])
        #expect(wrong.status == 401)
        #expect(wrong.header("WWW-Authenticate")?.hasPrefix("Basic realm=\"opswiki\"") == true)
        let page = try script.send("GET", "/wiki/Home", headers: [AuthFlowTests.basic("eddie", AuthSite.password)])
        #expect(page.status == 200)
        #expect(page.text.contains("Eddie Q"))
        let before = try site.commitCount()
        for _ in 0..<2 {   // the second time from the verified-credentials cache
            let write = try script.send("POST", "/probe/save", form: [("content", "by script \(UUID())")],
                                        headers: [AuthFlowTests.basic("eddie", AuthSite.password)])
            #expect(write.status == 303)
        }
        #expect(try site.commitCount() == before + 2)
        let anonymousWrite = try script.send("POST", "/probe/save", form: [("content", "anon")])
        #expect(anonymousWrite.status == 401)
        #expect(anonymousWrite.header("WWW-Authenticate")?.hasPrefix("Basic") == true)
        let foreign = try script.send("POST", "/probe/save", form: [("content", "csrf via basic")],
                                      headers: [AuthFlowTests.basic("eddie", AuthSite.password), ("Origin", "http://evil.example")])
        #expect(foreign.status == 403)
        #expect(try site.commitCount() == before + 2)
    }

    @Test("A trusted proxy's user header is honoured; the same header from another address is ignored")
    func proxy() throws {
        let trusted = try AuthSite {
            $0.trustedProxies = ["127.0.0.1"]
            $0.proxyUserHeader = "X-Forwarded-User"
            $0.proxyEmailHeader = "X-Forwarded-Email"
            $0.roles = ["carol": .editor]
        }
        var carol = trusted.browser()
        carol.extraHeaders = [("X-Forwarded-User", "carol"), ("X-Forwarded-Email", "carol@corp.example")]
        let page = try carol.send("GET", "/wiki/Home")
        #expect(page.text.contains(">carol<"))
        let token = try #require(Browser.csrf(in: page))
        #expect(carol.session != nil)
        let before = try trusted.commitCount()
        #expect(try carol.send("POST", "/probe/save", form: [("content", "no token")]).status == 403)
        #expect(try carol.send("POST", "/probe/save", form: [("csrf", token), ("content", "via proxy")]).status == 303)
        #expect(try trusted.wiki.recentChanges(limit: 1).first?.commit.author.email == "carol@corp.example")
        #expect(try trusted.commitCount() == before + 1)
        var withoutHeader = trusted.browser()
        withoutHeader.session = carol.session
        #expect(!(try withoutHeader.send("GET", "/wiki/Home")).text.contains(">carol<"))
        var dave = trusted.browser()
        dave.extraHeaders = [("X-Forwarded-User", "dave")]
        let daveToken = try #require(Browser.csrf(in: try dave.send("GET", "/wiki/Home")))
        #expect(try dave.send("POST", "/probe/save", form: [("csrf", daveToken), ("content", "reader")]).status == 403)

        let untrusted = try AuthSite {
            $0.trustedProxies = ["10.9.9.9"]
            $0.proxyUserHeader = "X-Forwarded-User"
        }
        var forger = untrusted.browser()
        forger.extraHeaders = [("X-Forwarded-User", "mona")]
        let forged = try forger.send("GET", "/wiki/Home")
        #expect(forged.status == 200)
        #expect(!forged.text.contains("mona"))
        #expect(try forger.send("POST", "/probe/save", form: [("content", "forged")]).status == 401)
    }

    @Test("A page that needs a role: anonymous browsers go to sign in, scripts get 401, a reader 403")
    func pageNeedingRole() throws {
        let site = try AuthSite()
        var browser = site.browser()
        let redirect = try browser.send("GET", "/probe/form")
        #expect(redirect.status == 303)
        #expect(redirect.header("Location") == "/login?next=%2Fprobe%2Fform")
        let script = try browser.send("GET", "/probe/form", headers: [("Accept", "*/*")])
        #expect(script.status == 401)
        #expect(script.header("WWW-Authenticate")?.hasPrefix("Basic") == true)
        try browser.signIn("rita")
        #expect(try browser.send("GET", "/probe/form").status == 403)
        var editor = site.browser()
        try editor.signIn("eddie")
        #expect(try editor.send("GET", "/probe/form").text == "form")
    }

    @Test("anonymous = none: browsers are sent to sign in, git and scripts get 401; sign-in, health and static stay open")
    func anonymousNone() throws {
        let site = try AuthSite(anonymousRead: false)
        var browser = site.browser()
        let page = try browser.send("GET", "/wiki/Home?rev=x")
        #expect(page.status == 303)
        #expect(page.header("Location") == "/login?next=%2Fwiki%2FHome%3Frev%3Dx")
        let git = try browser.send("GET", "/wiki.git/info/refs?service=git-upload-pack", headers: [("User-Agent", "git/2.43.0")])
        #expect(git.status == 401)
        #expect(git.header("WWW-Authenticate")?.hasPrefix("Basic") == true)
        let json = try browser.send("GET", "/wiki/Home", headers: [("Accept", "application/json")])
        #expect(json.status == 401)
        for path in ["/login", "/healthz", "/static/style.css"] {
            #expect(try browser.send("GET", path).status == 200, "\(path)")
        }
        try browser.signIn("rita")
        #expect(try browser.send("GET", "/wiki/Home").status == 200)
        var scripted = site.browser()
        #expect(try scripted.send("GET", "/wiki/Home", headers: [AuthFlowTests.basic("rita", AuthSite.password)]).status == 200)
    }
}
