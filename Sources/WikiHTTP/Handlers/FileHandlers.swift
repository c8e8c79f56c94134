/// Routes for attachments under /files.
extension WikiApp {
    func registerFileRoutes(into router: inout Router) {
    }
}
