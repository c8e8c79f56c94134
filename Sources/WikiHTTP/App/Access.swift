/// Who may do what: the checks every handler calls before it reads or writes.
extension WikiApp {
    /// Throws unless the visitor has at least `role`: 401 when nobody is signed in (so a browser is sent
    /// to sign in and git asks for credentials), 403 when the signed-in user's role is too low.
    func require(_ role: Role, _ context: RequestContext) throws {
        if role == .reader && settings.anonymousRead { return }
        guard let user = context.user else {
            throw HTTPError(.unauthorized, "Sign in to do this.", headers: [Authenticator.basicChallenge])
        }
        guard user.role >= role else {
            throw HTTPError(.forbidden, "This needs the \(role.rawValue) role; \(user.name) is a \(user.role.rawValue).")
        }
    }

    /// Throws 403 unless a state-changing request proves it came from our own form: the session's CSRF
    /// token in the `csrf` field, or HTTP Basic credentials on the request itself (git, scripts).
    /// A trusted proxy's user is a browser with a session like any other, so it needs the token too.
    func verifyCSRF(_ form: FormData, _ context: RequestContext) throws {
        if context.authentication == .basic { return }
        guard let expected = context.csrfToken, let given = form["csrf"],
              ConstantTime.equal(expected, given) else {
            throw HTTPError(.forbidden, "The form has expired or did not come from this site; reload the page and try again.")
        }
    }

    /// The request's form, once its CSRF token checked out (`verifyCSRF`).
    func verifiedForm(_ request: Request, _ context: RequestContext) throws -> FormData {
        let form = try FormData(request: request)
        try verifyCSRF(form, context)
        return form
    }

    /// Whether the visitor may edit (for showing or hiding edit buttons; handlers still `require`).
    func canEdit(_ context: RequestContext) -> Bool { (context.user?.role ?? .reader) >= .editor }

    /// Whether the visitor may open proposals and comment on them (contributors and above).
    func canPropose(_ context: RequestContext) -> Bool { (context.user?.role ?? .reader) >= .contributor }
}
