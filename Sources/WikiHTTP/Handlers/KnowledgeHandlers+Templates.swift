import WikiRender
import WikiStore

/// Page templates (issue 10): the pages under `_templates/` are offered on `/new`, and `/edit/{page}?template=…`
/// starts a new page from one with `{{date}}`, `{{author}}` and `{{title}}` filled in.
extension WikiApp {
    /// The template `name` (`postmortem` reads `_templates/postmortem.md`); a clear 404 when there is none.
    func templatePage(_ name: String) throws -> Page {
        let missing = HTTPError(.notFound, "There is no page template “\(name.prefix(200))” (a page \(PageTemplate.folder)/\(name.prefix(200))).")
        guard let page = try? PageName(PageTemplate.folder + "/" + name) else { throw missing }
        do { return try wiki.page(page) } catch StoreError.pageNotFound { throw missing }
    }

    /// Template `template` filled in for a new page `name` written by the signed-in user, dated today (UTC).
    func filledTemplate(_ template: String, for name: PageName, context: RequestContext) throws -> String {
        let text = try templatePage(template).text
        return PageTemplate.fill(text, [
            "date": CalendarDay(utc: now()).description,
            "author": context.user?.name ?? "",
            "title": PagePresenter.title(for: name),
        ])
    }

    /// The templates to choose from on `/new`, `selected` marked: `{name, title, checked}`, sorted by name.
    func templateChoices(selected: String?) throws -> TemplateValue {
        let prefix = PageTemplate.folder + "/"
        let names = try knowledge.snapshot(of: wiki).facts.keys.map(\.description).filter { $0.hasPrefix(prefix) }
            .map { String($0.dropFirst(prefix.count)) }.sorted()
        return .list(names.map { name in
            .dictionary(["name": .string(name), "title": .string(name.replacingOccurrences(of: "-", with: " ")),
                         "checked": .bool(name == selected)])
        })
    }
}
