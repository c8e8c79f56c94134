import WikiRender

/// `GET /login` (the form), `POST /login` (sign in), `POST /logout` (sign out).
extension WikiApp {
    func registerAuthRoutes(into router: inout Router) {
        router.get("/login") { [self] request, context in try loginForm(request, &context) }
        router.post("/login") { [self] request, context in try signIn(request, &context) }
        router.post("/logout") { [self] request, context in try signOut(request, &context) }
    }

    /// The form; an anonymous visitor without a session gets a pre-session, so the form has a CSRF token.
    private func loginForm(_ request: Request, _ context: inout RequestContext) throws -> Response {
        let authenticator = settings.authenticator
        var preSession: Session?
        if context.csrfToken == nil {
            let session = authenticator.sessions.create(user: nil, authentication: nil)
            context.csrfToken = session.csrfToken
            preSession = session
        }
        var response = try loginPage(status: .ok, message: "", username: "",
                                     next: Self.localPath(request.queryValue("next")), request: request, context: context)
        if let preSession { response.setCookie(authenticator.cookie(for: preSession)) }
        return response
    }

    private func signIn(_ request: Request, _ context: inout RequestContext) throws -> Response {
        let form = try verifiedForm(request, context)
        let authenticator = settings.authenticator
        let name = form["username"] ?? "", password = form["password"] ?? ""
        let next = Self.localPath(form["next"])
        let client = authenticator.client(of: request)
        let user = name.utf8.count <= 256 && password.utf8.count <= 4096
            ? try authenticator.verifyLimited(name: name, password: password, client: client)
            : nil
        // An audit line; a name that is not a valid user name is not written (log injection).
        context.logger.info(user == nil ? "sign-in failed" : "signed in",
                            ["user": UsersFile.isValidName(name) ? name : "(invalid)", "client": client])
        guard let user else {
            var response = try loginPage(status: .unauthorized, message: "Wrong user name or password.",
                                         username: name, next: next, request: request, context: context)
            // RFC 9110 §15.5.2: a 401 carries a challenge; a scheme other than Basic keeps browsers
            // from opening their own password dialog over the form.
            response.headers.set("WWW-Authenticate", "Form realm=\"opswiki\"")
            return response
        }
        // Session fixation (OWASP ASVS V3.2.1): the pre-session's id is dropped, never promoted.
        if let old = request.cookies[Authenticator.cookieName] { authenticator.sessions.end(id: old) }
        let session = authenticator.sessions.create(user: user, authentication: .session)
        context.user = user
        context.authentication = .session
        context.csrfToken = session.csrfToken
        var response = Response.redirect(to: next ?? "/")
        response.setCookie(authenticator.cookie(for: session))
        return response
    }

    private func signOut(_ request: Request, _ context: inout RequestContext) throws -> Response {
        let form = try verifiedForm(request, context)
        if let id = request.cookies[Authenticator.cookieName] { settings.authenticator.sessions.end(id: id) }
        context.user = nil
        context.authentication = nil
        context.csrfToken = nil
        var response = Response.redirect(to: "/")
        response.setCookie(settings.authenticator.cookie(for: nil))
        return response
    }

    private func loginPage(status: Status, message: String, username: String, next: String?,
                           request: Request, context: RequestContext) throws -> Response {
        let values: TemplateValue = .dictionary([
            "title": .string("Sign in"),
            "message": .string(message),
            "username": .string(username),
            "next": .string(next ?? ""),
            "canSignIn": .bool(settings.authenticator.canSignIn),
        ])
        var response = Response.html(try page("login", values, request: request, context: context).bytes, status: status)
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// `next` when it is a path on this site — one leading `/`, not `//` or `/\` (which browsers read as
    /// another host), no backslash, no control characters or spaces — with non-ASCII bytes
    /// percent-encoded for the `Location` header; nil for anything else (an open redirect otherwise).
    static func localPath(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next.utf8.count <= 2048 else { return nil }
        var out = ""
        for byte in next.utf8 {
            if byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "\\") { return nil }
            if byte >= 0x80 {
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
            } else {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return out
    }
}
