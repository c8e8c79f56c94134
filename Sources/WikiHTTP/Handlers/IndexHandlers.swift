/// Routes for the page index, recent changes and the Atom feed.
extension WikiApp {
    func registerIndexRoutes(into router: inout Router) {
    }
}
