import WikiStore

/// `?page=N` over WikiStore's cursor-paged lists (history, recent changes): 50 entries a page.
enum Paging {
    /// Entries on one page.
    static let perPage = 50
    /// The deepest page a request may ask for; deeper pages are reached with an `after` cursor.
    static let maximumPage = 1_000

    /// The `page` query value: 1 when absent, 400 for anything but a number in 1...maximumPage.
    static func pageNumber(_ request: Request) throws -> Int {
        guard let text = request.queryValue("page"), !text.isEmpty else { return 1 }
        guard text.count <= 6, let number = Int(text), (1...maximumPage).contains(number) else {
            throw HTTPError(.badRequest, "'page' must be a number from 1 to \(maximumPage).")
        }
        return number
    }

    /// The entries of page `number` and whether more follow, fetched in batches of at most
    /// `Wiki.maximumLimit` by `fetch(limit, after)`, each batch continuing after the last `id` of the previous.
    static func page<Entry>(_ number: Int, fetch: (Int, String?) throws -> [Entry],
                            id: (Entry) -> String) throws -> (entries: [Entry], hasMore: Bool) {
        let needed = number * perPage + 1
        var all: [Entry] = []
        var after: String?
        while all.count < needed {
            let limit = min(Wiki.maximumLimit, needed - all.count)
            let batch = try fetch(limit, after)
            all += batch
            guard batch.count == limit, let last = batch.last else { break }
            after = id(last)
        }
        let start = (number - 1) * perPage
        guard start < all.count else { return ([], false) }
        return (Array(all[start..<min(start + perPage, all.count)]), all.count > number * perPage)
    }
}
