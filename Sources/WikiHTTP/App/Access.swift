/// Who may do what: the checks every handler calls before it reads or writes.
extension WikiApp {
    /// Throws unless the visitor has at least `role`: 401 when nobody is signed in (so a browser is sent
    /// to sign in and git asks for credentials), 403 when the signed-in user's role is too low.
    func require(_ role: Role, _ context: RequestContext) throws {
        if role == .reader && settings.anonymousRead { return }
        guard let user = context.user else {
            throw HTTPError(.unauthorized, "Sign in to do this.",
                            headers: [.init(name: "WWW-Authenticate", value: "Basic realm=\"opswiki\", charset=\"UTF-8\"")])
        }
        guard user.role >= role else {
            throw HTTPError(.forbidden, "This needs the \(role.rawValue) role; \(user.name) is a \(user.role.rawValue).")
        }
    }

    /// Throws 403 unless a state-changing request proves it came from our own form: the session's CSRF
    /// token in the `csrf` field, or credentials carried by the request itself (HTTP Basic, trusted proxy).
    func verifyCSRF(_ form: FormData, _ context: RequestContext) throws {
        if let authentication = context.authentication, authentication != .session { return }
        guard let expected = context.csrfToken, let given = form["csrf"],
              ConstantTime.equal(expected, given) else {
            throw HTTPError(.forbidden, "The form has expired or did not come from this site; reload the page and try again.")
        }
    }

}
