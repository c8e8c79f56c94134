/// Routes for history, diff, blame and commit pages.
extension WikiApp {
    func registerHistoryRoutes(into router: inout Router) {
    }
}
