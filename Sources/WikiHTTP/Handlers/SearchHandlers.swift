import Foundation
import WikiRender
import WikiStore

/// `GET /search?q=`: ranked full-text search over the current pages, as a page or as JSON.
extension WikiApp {
    /// Hits shown on one results page.
    static let searchHitsShown = 50

    /// Adds `GET /search`.
    func registerSearchRoutes(into router: inout Router) {
        router.get("/search") { [self] request, context in try search(request, context) }
    }

    private func search(_ request: Request, _ context: RequestContext) throws -> Response {
        try require(.reader, context)
        let query = (request.queryValue("q") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let results = query.isEmpty ? nil : try wiki.search(query, limit: Self.searchHitsShown)
        if request.prefersJSON {
            var response = Response.json(try SearchPresenter.json(query: query, results: results))
            response.headers.set("Cache-Control", "no-store")
            return response
        }
        let values = SearchPresenter.values(query: query, results: results)
        return .html(try page("search", values, request: request, context: context).bytes)
    }
}
