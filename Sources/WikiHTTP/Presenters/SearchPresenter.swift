import Foundation
import WikiRender
import WikiStore

/// Search results for the `search` template and for JSON clients. Snippets stay plain values:
/// the template wraps matched words in `<mark>` and escapes every piece, so no HTML is built here.
enum SearchPresenter {
    /// The template values; `results` is nil for an empty query.
    static func values(query: String, results: SearchResults?) -> TemplateValue {
        let hits = results?.hits ?? []
        let total = results?.total ?? 0
        return .dictionary([
            "title": .string(query.isEmpty ? "Search" : "Search: \(query)"),
            "query": .string(query),
            "asked": .bool(!query.isEmpty),
            "found": .bool(!hits.isEmpty),
            "count": .string(total == 1 ? "1 page" : "\(total) pages"),
            "more": .bool(total > hits.count),
            "shown": .string(String(hits.count)),
            "hits": .list(hits.map { hit in
                .dictionary([
                    "title": .string(hit.title),
                    "name": .string(hit.name.description),
                    "href": .string(PagePresenter.href(hit.name)),
                    "snippet": .list(hit.snippet.map { .dictionary(["text": .string($0.text), "match": .bool($0.isMatch)]) }),
                ])
            }),
        ])
    }

    /// `{"query", "total", "revision", "results": [{"page", "title", "url", "score", "snippet", "matches"}]}`.
    static func json(query: String, results: SearchResults?) throws -> [UInt8] {
        let answer = Answer(query: query, total: results?.total ?? 0, revision: results?.revision?.id.description,
                            results: (results?.hits ?? []).map { hit in
            Answer.Hit(page: hit.name.description, title: hit.title, url: PagePresenter.href(hit.name),
                       score: (hit.score * 1000).rounded() / 1000,
                       snippet: hit.snippet.map(\.text).joined(),
                       matches: hit.snippet.filter(\.isMatch).map(\.text))
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(answer))
    }

    private struct Answer: Encodable {
        struct Hit: Encodable {
            let page: String, title: String, url: String, score: Double, snippet: String, matches: [String]
        }
        let query: String, total: Int, revision: String?, results: [Hit]
    }
}
