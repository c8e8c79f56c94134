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

    /// Creates the application; `now` is the clock review dates are measured against.
    public init(wiki: Wiki, theme: Theme, settings: SiteSettings, now: @escaping @Sendable () -> Date = { Date() }) {
        self.wiki = wiki
        self.theme = theme
        self.settings = settings
        self.now = now
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
        return AppResponder(app: self, routes: router.freeze())
    }
}
