/// Routes for edit, preview, rename, delete, upload and revert.
extension WikiApp {
    func registerEditRoutes(into router: inout Router) {
    }
}
