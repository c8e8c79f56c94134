/// Routes for git smart HTTP (clone, fetch, push).
extension WikiApp {
    func registerGitRoutes(into router: inout Router) {
    }
}
