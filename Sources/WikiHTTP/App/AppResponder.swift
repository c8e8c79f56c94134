import WikiRender

/// Recognises the visitor, refuses foreign-origin writes and (with `anonymous = none`) anonymous
/// visitors, runs the routes, and turns any error a handler throws into the theme's error page (or JSON).
struct AppResponder: Responder {
    let app: WikiApp
    let routes: Routes

    func respond(to request: Request, context: inout RequestContext) throws -> Response {
        let authenticator = app.settings.authenticator
        var visitor = Authenticator.Visitor()
        var response: Response
        do {
            visitor = try authenticator.identify(request)
            // An identity an outer responder already set (an embedding app, the handler tests'
            // identity layer) is kept; nothing from the request itself can set one.
            if context.user == nil && context.csrfToken == nil {
                context.user = visitor.user
                context.authentication = visitor.authentication
                context.csrfToken = visitor.session?.csrfToken
            }
            try app.checkOrigin(request)
            response = try app.signInGate(request, context) ?? routes.respond(to: request, context: &context)
        } catch {
            response = app.errorResponse(error, request: request, context: context)
        }
        if visitor.sessionIsNew, let session = visitor.session, !response.headers.contains("Set-Cookie") {
            response.setCookie(authenticator.cookie(for: session))
        }
        app.personalise(&response, context: context)
        return response
    }
}

extension WikiApp {
    /// The error page (or JSON) for anything a layer or handler threw.
    func errorResponse(_ error: any Error, request: Request, context: RequestContext) -> Response {
        let httpError = ErrorResponder.httpError(for: error, logger: context.logger, requestID: context.requestID)
        // An anonymous browser opening a page that needs sign-in (e.g. an edit form) is sent to the
        // sign-in form rather than given a Basic challenge, which would open the browser's own dialog.
        if httpError.status == .unauthorized, context.user == nil, request.isBrowser, request.method == .get,
           !request.headers.contains("Authorization") {
            return signInRedirect(request)
        }
        if request.prefersJSON {
            return ErrorResponder.response(for: httpError, accept: "application/json", logger: context.logger)
        }
        return errorPage(httpError, request: request, context: context)
    }

    /// 403 for a state-changing request whose `Origin` (or `Referer`) names another host. This holds for
    /// HTTP Basic too: only browsers send `Origin`, and browsers replay cached Basic credentials cross-site.
    func checkOrigin(_ request: Request) throws {
        guard request.isStateChanging else { return }
        let authenticator = settings.authenticator
        let host = authenticator.isFromTrustedProxy(request)
            ? request.headers["X-Forwarded-Host"] ?? request.headers["Host"] : request.headers["Host"]
        guard OriginCheck.allows(request, host: host) else {
            throw HTTPError(.forbidden, "This request came from another site and was refused.")
        }
    }

    /// With `anonymous = none`: a redirect to the sign-in form for a browser, 401 for git and scripts,
    /// for any route but sign-in, health and static files; nil when the request may go on.
    func signInGate(_ request: Request, _ context: RequestContext) throws -> Response? {
        guard !settings.anonymousRead, context.user == nil else { return nil }
        if ["/login", "/logout", "/healthz", "/metrics"].contains(request.path) || request.path.hasPrefix("/static/") { return nil }
        if request.isBrowser && (request.method == .get || request.method == .head) { return signInRedirect(request) }
        throw HTTPError(.unauthorized, "Sign in to read this wiki.", headers: [Authenticator.basicChallenge])
    }

    /// 303 to the sign-in form, which sends the visitor back here afterwards.
    func signInRedirect(_ request: Request) -> Response {
        let here = request.target.hasPrefix("/") ? request.target : request.path
        return .redirect(to: "/login?next=" + PercentEncoding.encodeQueryValue(here))
    }

    /// Keeps one visitor's page out of another's cache: an HTML response seen by a signed-in visitor
    /// or one with a session (whose CSRF token is in the page) is `private` and its ETag includes a
    /// hash of the user and token, so a 304 is only ever answered to the same visitor.
    func personalise(_ response: inout Response, context: RequestContext) {
        guard response.isHTML else { return }
        if !response.headers.contains("Vary") { response.headers.set("Vary", "Cookie, Authorization") }
        guard context.user != nil || context.csrfToken != nil else { return }
        if !response.headers.contains("Cache-Control") { response.headers.set("Cache-Control", "private, no-cache") }
        guard let etag = response.headers["ETag"], etag.hasSuffix("\"") else { return }
        let visitor = Self.fingerprint(Array("\(context.user?.name ?? "")|\(context.csrfToken ?? "")".utf8))
        response.headers.set("ETag", String(etag.dropLast()) + "-u" + visitor + "\"")
    }

    /// The themed page for `error`; falls back to the plain page if the theme itself fails.
    func errorPage(_ error: HTTPError, request: Request, context: RequestContext, createHref: String? = nil) -> Response {
        let values: TemplateValue = .dictionary([
            "title": .string(error.status.reason),
            "status": .string(String(error.status.code)),
            "message": .string(error.message),
            "createHref": .string(createHref ?? ""),
        ])
        do {
            var response = Response.html(try page("error", values, request: request, context: context).bytes,
                                         status: error.status)
            for field in error.headers { response.headers.add(field.name, field.value) }
            return response
        } catch {
            return ErrorResponder.response(for: error, accept: nil, logger: context.logger)
        }
    }

    /// Renders theme template `name` with `values` plus the site-wide values every page needs.
    func page(_ name: String, _ values: TemplateValue, request: Request, context: RequestContext) throws -> SafeHTML {
        guard case .dictionary(var dictionary) = values else { return try theme.render(name, values) }
        dictionary["site"] = siteValues(request: request, context: context)
        return try theme.render(name, .dictionary(dictionary))
    }

    /// `site.title`; `site.user` (`name`, `login`, `role`) when signed in; `site.csrf`, the token every
    /// form posts as `csrf`; `site.canEdit`, `site.canPropose`.
    func siteValues(request: Request, context: RequestContext) -> TemplateValue {
        var values: [String: TemplateValue] = [
            "title": .string(settings.title),
            "csrf": .string(context.csrfToken ?? ""),
            "canEdit": .bool(canEdit(context)),
            "canPropose": .bool(canPropose(context)),
        ]
        if let user = context.user {
            values["user"] = .dictionary(["name": .string(user.displayName), "login": .string(user.name),
                                          "role": .string(user.role.rawValue)])
        }
        return .dictionary(values)
    }
}
