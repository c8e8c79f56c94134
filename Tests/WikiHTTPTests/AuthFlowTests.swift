import Foundation
import Testing
@testable import WikiHTTP

/// Sign-in, sign-out, sessions and the sign-in rate limit, through the real server.
@Suite(.serialized)
struct AuthFlowTests {
    @Test("Sign in: pre-session cookie and token, rotation on sign-in, name on pages, sign out ends the session")
    func signInAndOut() throws {
        let site = try AuthSite()
        var browser = site.browser()
        let form = try browser.send("GET", "/login")
        #expect(form.status == 200)
        let cookie = try #require(form.header("Set-Cookie"))
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
        #expect(!cookie.contains("Secure"))
        let preSession = try #require(browser.session)
        let token = try #require(Browser.csrf(in: form))
        #expect(token.utf8.count == 43)

        let signIn = try browser.send("POST", "/login", form: [("csrf", token), ("username", "eddie"),
                                                              ("password", AuthSite.password), ("next", "/wiki/Home?x=1")])
        #expect(signIn.status == 303)
        #expect(signIn.header("Location") == "/wiki/Home?x=1")
        let signedIn = try #require(browser.session)
        #expect(signedIn != preSession)
        #expect(signIn.header("Set-Cookie")?.contains("Max-Age=43200") == true)

        let home = try browser.send("GET", "/wiki/Home")
        #expect(home.text.contains("Eddie Q"))
        let sessionToken = try #require(Browser.csrf(in: home))
        #expect(sessionToken != token)

        // The old pre-session id is dead: presenting it gives an anonymous page.
        var attacker = site.browser()
        attacker.session = preSession
        #expect(!(try attacker.send("GET", "/wiki/Home")).text.contains("Eddie Q"))

        let signOut = try browser.send("POST", "/logout", form: [("csrf", sessionToken)])
        #expect(signOut.status == 303)
        #expect(signOut.header("Location") == "/")
        #expect(signOut.header("Set-Cookie")?.contains("Max-Age=0") == true)
        var replay = site.browser()
        replay.session = signedIn
        #expect(!(try replay.send("GET", "/wiki/Home")).text.contains("Eddie Q"))
    }

    @Test("A wrong password answers 401 with the form again and a message; no session is made")
    func wrongPassword() throws {
        let site = try AuthSite()
        var browser = site.browser()
        let token = Browser.csrf(in: try browser.send("GET", "/login")) ?? ""
        let preSession = browser.session
        let answer = try browser.send("POST", "/login", form: [("csrf", token), ("username", "eddie"), ("password", "nope")])
        #expect(answer.status == 401)
        #expect(answer.text.contains("Wrong user name or password."))
        #expect(answer.text.contains("value=\"eddie\""))
        #expect(answer.header("WWW-Authenticate") != nil)
        #expect(browser.session == preSession)
        let unknown = try browser.send("POST", "/login", form: [("csrf", token), ("username", "nobody"), ("password", "x")])
        #expect(unknown.status == 401)
    }

    @Test("Five failures a minute from one address, then 429 with Retry-After even for the right password")
    func rateLimit() throws {
        let site = try AuthSite()
        var browser = site.browser()
        let token = Browser.csrf(in: try browser.send("GET", "/login")) ?? ""
        for _ in 0..<5 {
            let answer = try browser.send("POST", "/login", form: [("csrf", token), ("username", "eddie"), ("password", "guess")])
            #expect(answer.status == 401)
        }
        let limited = try browser.send("POST", "/login", form: [("csrf", token), ("username", "eddie"),
                                                               ("password", AuthSite.password)])
        #expect(limited.status == 429)
        let retry = try #require(limited.header("Retry-After").flatMap { Int($0) })
        #expect(retry >= 1 && retry <= 60)
        // HTTP Basic shares the limit.
        let basic = try browser.send("GET", "/wiki/Home", headers: [AuthFlowTests.basic("eddie", AuthSite.password)])
        #expect(basic.status == 429)
    }

    @Test("next must be a local path; anything else redirects to /", arguments: [
        ("//evil.example/x", "/"), ("/\\evil.example", "/"), ("https://evil.example/", "/"), ("/a\\b", "/"),
        ("evil.example", "/"), ("/ok\r\nSet-Cookie: x", "/"), ("/pages?a=%2F", "/pages?a=%2F"), ("/wiki/Café", "/wiki/Caf%C3%A9"),
        ("", "/"), ("/\t/evil.example", "/"),
    ])
    func openRedirect(next: String, location: String) throws {
        #expect(WikiApp.localPath(next) ?? "/" == location)
    }

    @Test("next is honoured end to end only when local")
    func nextThroughServer() throws {
        let site = try AuthSite()
        for (next, location) in [("//evil.example", "/"), ("/pages", "/pages")] {
            var browser = site.browser()
            let token = Browser.csrf(in: try browser.send("GET", "/login?next=" + PercentEncoding.encodeQueryValue(next))) ?? ""
            let answer = try browser.send("POST", "/login", form: [("csrf", token), ("username", "rita"),
                                                                  ("password", AuthSite.password), ("next", next)])
            #expect(answer.status == 303)
            #expect(answer.header("Location") == location)
        }
    }

    @Test("A session ends on the server when its lifetime is over, whatever the browser keeps")
    func sessionExpiry() throws {
        let site = try AuthSite { $0.sessionLifetime = .milliseconds(800) }
        var browser = site.browser()
        let token = try #require(try browser.signIn("eddie"))
        #expect(try browser.send("GET", "/wiki/Home").text.contains("Eddie Q"))
        Thread.sleep(forTimeInterval: 1.2)
        #expect(!(try browser.send("GET", "/wiki/Home")).text.contains("Eddie Q"))
        let before = try site.commitCount()
        let write = try browser.send("POST", "/probe/save", form: [("csrf", token), ("content", "late")])
        #expect(write.status == 401)
        #expect(try site.commitCount() == before)
    }

    @Test("Pages of signed-in visitors are private and their ETags differ per visitor")
    func personalETags() throws {
        let site = try AuthSite()
        var eddie = site.browser(), mona = site.browser(), anonymous = site.browser()
        try eddie.signIn("eddie")
        try mona.signIn("mona")
        let eddiePage = try eddie.send("GET", "/wiki/Home")
        let monaPage = try mona.send("GET", "/wiki/Home")
        let anonymousPage = try anonymous.send("GET", "/wiki/Home")
        let eddieTag = try #require(eddiePage.header("ETag"))
        #expect(eddieTag != monaPage.header("ETag"))
        #expect(eddieTag != anonymousPage.header("ETag"))
        #expect(eddiePage.header("Cache-Control") == "private, no-cache")
        // Mona presenting Eddie's validator gets her own page, not a 304 for his.
        let conditional = try mona.send("GET", "/wiki/Home", headers: [("If-None-Match", eddieTag)])
        #expect(conditional.status == 200)
        #expect(try eddie.send("GET", "/wiki/Home", headers: [("If-None-Match", eddieTag)]).status == 304)
    }

    /// An `Authorization: Basic` header.
    static func basic(_ name: String, _ password: String) -> (String, String) {
        ("Authorization", "Basic " + Data("\(name):\(password)".utf8).base64EncodedString())
    }
}
