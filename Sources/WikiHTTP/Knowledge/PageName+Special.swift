import WikiStore

extension PageName {
    /// `_Sidebar`, `_Footer`, `_templates/runbook`: pages that are parts of other pages (any segment starts
    /// with `_`, gollum's convention), not knowledge pages of their own.
    var isSpecial: Bool {
        description.split(separator: "/").contains { $0.hasPrefix("_") }
    }
}
