import Foundation
import WikiRender
import WikiStore

/// The wiki as a web application: the repository, the theme and the settings, and the routes that
/// serve them. Handlers live in `Handlers/` as extensions that register their routes.
public final class WikiApp: Sendable {
    /// The repository behind the site.
    public let wiki: Wiki
    /// Templates and stylesheet, loaded once at start-up.
    public let theme: Theme
    /// Title and access settings.
    public let settings: SiteSettings
    /// Rendered pages by blob and tree, so a page is parsed once per version.
    let renderCache = RenderCache(capacity: 512)
    /// Page metadata, tags and the link graph at main's tip (issue 10).
    let knowledge = KnowledgeIndex()
    /// The clock for review dates; tests pass a fixed instant.
    let now: @Sendable () -> Date
    /// Requests, latencies, commits and cache counters, served at `/metrics`.
    public let metrics: Metrics

    /// Creates the application; `now` is the clock review dates are measured against; `metrics` starts
    /// watching the wiki's and the render cache's counters.
    public init(wiki: Wiki, theme: Theme, settings: SiteSettings, metrics: Metrics = Metrics(),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.wiki = wiki
        self.theme = theme
        self.settings = settings
        self.now = now
        self.metrics = metrics
        metrics.watch(wiki)
        metrics.watchCache("render", renderCache.counters)
    }

    /// Every route of the site, frozen, behind the layer that turns errors into themed pages.
    public func responder() -> any Responder {
        var router = Router()
        registerOpsRoutes(into: &router)
        registerPageRoutes(into: &router)
        registerHistoryRoutes(into: &router)
        registerIndexRoutes(into: &router)
        registerFileRoutes(into: &router)
        registerSearchRoutes(into: &router)
        registerEditRoutes(into: &router)
        registerAuthRoutes(into: &router)
        registerGitRoutes(into: &router)
        registerPatchRoutes(into: &router)
        registerProposalRoutes(into: &router)
        registerKnowledgeRoutes(into: &router)
        let routes = router.freeze()
        return MetricsResponder(AppResponder(app: self, routes: routes), routes: routes.patterns, metrics: metrics)
    }
}
