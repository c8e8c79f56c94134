/// Routes for sign-in and sign-out.
extension WikiApp {
    func registerAuthRoutes(into router: inout Router) {
    }
}
