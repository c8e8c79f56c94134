import WikiRender

/// Runs the routes and turns any error a handler throws into the theme's error page (or JSON).
struct AppResponder: Responder {
    let app: WikiApp
    let routes: Routes

    func respond(to request: Request, context: inout RequestContext) throws -> Response {
        do {
            return try routes.respond(to: request, context: &context)
        } catch {
            let httpError = ErrorResponder.httpError(for: error, logger: context.logger, requestID: context.requestID)
            if request.prefersJSON {
                return ErrorResponder.response(for: httpError, accept: "application/json", logger: context.logger)
            }
            return app.errorPage(httpError, request: request, context: context)
        }
    }
}

extension WikiApp {
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

    /// `site.title`, and later the signed-in user and the CSRF token.
    func siteValues(request: Request, context: RequestContext) -> TemplateValue {
        .dictionary(["title": .string(settings.title)])
    }
}
