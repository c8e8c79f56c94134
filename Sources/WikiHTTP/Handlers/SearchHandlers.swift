/// Routes for full-text search.
extension WikiApp {
    func registerSearchRoutes(into router: inout Router) {
    }
}
