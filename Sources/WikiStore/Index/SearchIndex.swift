import Foundation
import Synchronization

/// An in-memory inverted index of the pages at one revision of main, ranked with BM25.
///
/// It is derived data: built from the tree on first use, then moved forward by applying the tree
/// diff between the revision it reflects and the new tip (web edits and pushes alike), so a query
/// never reads every blob. One `Mutex` guards it; an update runs under the lock, so queries that
/// arrive meanwhile wait for the fresh index instead of building their own.
final class SearchIndex: Sendable {
    /// A page to add or replace, or one to drop, read from a tree diff.
    enum Change {
        /// Index (or re-index) the page: its blob and that blob's text.
        case put(PageName, ObjectID, [UInt8])
        /// Drop the page.
        case remove(PageName)
    }

    /// One indexed page.
    struct Document {
        let name: PageName
        let title: String
        /// The page's blob: snippets read the text again from git, so the index does not hold every page twice.
        let blob: ObjectID
        /// Body term frequencies.
        let frequencies: [String: Int]
        /// Terms of the title and of the page name, which weigh more.
        let titleTerms: Set<String>
        /// The number of body terms.
        let length: Int
    }

    /// Everything the lock guards.
    struct State {
        /// The commit the index reflects; nil with `built` false before the first update.
        var tip: ObjectID?
        var built = false
        var documents: [Int: Document] = [:]
        var slots: [PageName: Int] = [:]
        var postings: [String: [Int: Int]] = [:]
        /// Title and name terms → the documents holding them.
        var titlePostings: [String: Set<Int>] = [:]
        var totalLength = 0
        var nextSlot = 0
        /// The tip of the stored file (`SearchIndex+Storage.swift`), when it matches what was loaded or written.
        var storedTip: ObjectID?
    }

    /// BM25 parameters (Robertson & Zaragoza 2009, the usual defaults).
    static let k1 = 1.2, b = 0.75
    /// How much a term in the title or name weighs against one in the body.
    static let titleBoost = 2.5
    /// Limits on a query: longer text is cut, extra terms are ignored.
    static let maximumQueryLength = 500, maximumTerms = 16

    private let state = Mutex(State())

    /// Brings the index to `tip`, asking `changes` for the page changes since the revision it reflects
    /// (nil: since the empty tree). Does nothing when it already reflects `tip`.
    func update(to tip: ObjectID?, changes: (ObjectID?) throws -> [Change]) throws {
        try state.withLock { state in
            if state.built && state.tip == tip { return }
            let list = tip == nil ? state.slots.keys.map { Change.remove($0) } : try changes(state.built ? state.tip : nil)
            for change in list { Self.apply(change, to: &state) }
            state.tip = tip
            state.built = true
        }
    }

    /// The documents and the tip they reflect, when the stored file lags behind them; nil otherwise.
    func unstored() -> (tip: ObjectID, documents: [Document])? {
        state.withLock { state in
            guard state.built, let tip = state.tip, tip != state.storedTip else { return nil }
            return (tip, Array(state.documents.values))
        }
    }

    /// Notes that the file now holds the index at `tip`.
    func markStored(_ tip: ObjectID) {
        state.withLock { $0.storedTip = tip }
    }

    /// True once the index was built or restored.
    var isBuilt: Bool { state.withLock { $0.built } }

    /// Fills an index that was never built with stored documents reflecting `tip`; the next `update` moves
    /// it on from there by tree diff. Does nothing when it was built meanwhile.
    func restore(tip: ObjectID, documents: [Document]) {
        state.withLock { state in
            guard !state.built else { return }
            for document in documents { Self.insert(document, into: &state) }
            (state.tip, state.storedTip, state.built) = (tip, tip, true)
        }
    }

    /// The pages matching `query`, best first, at most `limit` of them with snippets; `text` reads a page's blob.
    func search(_ query: String, limit: Int, text: (ObjectID) throws -> String) rethrows -> SearchResults {
        let terms = Array(SearchTokenizer.terms(String(query.prefix(Self.maximumQueryLength))).prefix(Self.maximumTerms))
        // Rank under the lock; snippets are built after it, from the shown pages' blobs.
        let (ranked, total, revision, wanted) = state.withLock { state -> ([(Document, Double)], Int, Revision?, Set<String>) in
            let revision = state.tip.map(Revision.init)
            guard !terms.isEmpty, !state.documents.isEmpty else { return ([], 0, revision, []) }
            let groups = Self.expand(terms, in: state)
            // Best score first; equal scores by page name, so the order is stable. Slots are sorted, and only
            // the shown hits become documents: copying every matching document is what a common word costs.
            let all = Self.scores(groups, in: state).compactMap { slot, score in
                state.documents[slot].map { (slot: slot, score: score, name: $0.name) }
            }.sorted { $0.score != $1.score ? $0.score > $1.score : $0.name < $1.name }
            let shown = all.prefix(max(0, limit)).compactMap { hit in state.documents[hit.slot].map { ($0, hit.score) } }
            return (shown, all.count, revision, Set(groups.flatMap { $0.map(\.term) }))
        }
        let hits = try ranked.map { document, score in
            SearchResults.Hit(name: document.name, title: document.title, score: score,
                              snippet: Self.snippet(try text(document.blob), terms: wanted,
                                                    attainable: wanted.count { document.frequencies[$0] != nil }))
        }
        return SearchResults(terms: terms, hits: hits, total: total, revision: revision)
    }

    /// One query term, or a longer word it is a prefix of, with the weight of its score.
    struct Variant {
        let term: String
        let weight: Double
    }

    /// Shortest last term that also matches as a prefix (`postg` finds `postgres`), and the most words it expands to.
    static let minimumPrefixLength = 3, maximumExpansions = 50
    /// How much a prefix match weighs against the whole word.
    static let prefixWeight = 0.6

    /// Each query term as a group of variants: the term itself, and for the last term (the one being typed)
    /// the indexed words it begins, those in most pages first. Scans the vocabulary, never a page.
    private static func expand(_ terms: [String], in state: State) -> [[Variant]] {
        var groups = terms.map { [Variant(term: $0, weight: 1)] }
        guard let last = terms.last, last.unicodeScalars.count >= minimumPrefixLength else { return groups }
        var longer = Set(state.postings.keys.filter { $0.count > last.count && $0.hasPrefix(last) })
        longer.formUnion(state.titlePostings.keys.filter { $0.count > last.count && $0.hasPrefix(last) })
        let frequent = longer.sorted {
            let (a, b) = ((state.postings[$0]?.count ?? 0), (state.postings[$1]?.count ?? 0))
            return a != b ? a > b : $0 < $1
        }
        groups[groups.count - 1] += frequent.prefix(maximumExpansions).map { Variant(term: $0, weight: prefixWeight) }
        return groups
    }

    /// The BM25 score of every document holding at least one term, with the title boost and a
    /// coordination factor so that pages holding every term come before pages holding some.
    private static func scores(_ groups: [[Variant]], in state: State) -> [Int: Double] {
        let count = Double(state.documents.count)
        let averageLength = max(1, Double(state.totalLength) / count)
        var scores: [Int: Double] = [:]
        var matched: [Int: Int] = [:]
        for group in groups {
            var groupHolders: Set<Int> = []
            for variant in group {
                let posting = state.postings[variant.term] ?? [:]
                let titled = state.titlePostings[variant.term] ?? []
                let holders = titled.union(posting.keys)
                let frequency = Double(holders.count)
                guard frequency > 0 else { continue }
                let idf = variant.weight * log(1 + (count - frequency + 0.5) / (frequency + 0.5))
                for (slot, tf) in posting {
                    guard let document = state.documents[slot] else { continue }
                    let tf = Double(tf)
                    let norm = k1 * (1 - b + b * Double(document.length) / averageLength)
                    scores[slot, default: 0] += idf * tf * (k1 + 1) / (tf + norm)
                }
                for slot in titled { scores[slot, default: 0] += idf * titleBoost }
                groupHolders.formUnion(holders)
            }
            for slot in groupHolders { matched[slot, default: 0] += 1 }
        }
        for (slot, score) in scores {
            let coverage = Double(matched[slot] ?? 0) / Double(groups.count)
            scores[slot] = score * coverage * coverage
        }
        return scores
    }

    private static func apply(_ change: Change, to state: inout State) {
        switch change {
        case .remove(let name):
            remove(name, from: &state)
        case .put(let name, let blob, let bytes):
            insert(makeDocument(name, blob: blob, text: String(decoding: bytes, as: UTF8.self)), into: &state)
        }
    }

    /// Adds (or replaces) one document.
    private static func insert(_ document: Document, into state: inout State) {
        remove(document.name, from: &state)
        let slot = state.nextSlot
        state.nextSlot += 1
        state.documents[slot] = document
        state.slots[document.name] = slot
        state.totalLength += document.length
        for (term, tf) in document.frequencies { state.postings[term, default: [:]][slot] = tf }
        for term in document.titleTerms { state.titlePostings[term, default: []].insert(slot) }
    }

    private static func remove(_ name: PageName, from state: inout State) {
        guard let slot = state.slots.removeValue(forKey: name), let document = state.documents.removeValue(forKey: slot) else { return }
        state.totalLength -= document.length
        for term in document.frequencies.keys {
            state.postings[term]?[slot] = nil
            if state.postings[term]?.isEmpty == true { state.postings[term] = nil }
        }
        for term in document.titleTerms {
            state.titlePostings[term]?.remove(slot)
            if state.titlePostings[term]?.isEmpty == true { state.titlePostings[term] = nil }
        }
    }

    private static func makeDocument(_ name: PageName, blob: ObjectID, text: String) -> Document {
        let tokens = SearchTokenizer.tokens(text)
        var frequencies: [String: Int] = [:]
        for token in tokens { frequencies[token.term, default: 0] += 1 }
        let title = heading(of: text) ?? name.lastSegment.replacingOccurrences(of: "-", with: " ")
        let titleTerms = Set(SearchTokenizer.terms(title) + SearchTokenizer.terms(name.description))
        return Document(name: name, title: title, blob: blob, frequencies: frequencies,
                        titleTerms: titleTerms, length: tokens.count)
    }

    /// The text of a leading `# Title` line (blank lines before it skipped), as the page view shows it.
    private static func heading(of text: String) -> String? {
        // The first non-empty line, without splitting the whole page.
        let line = text.drop(while: \.isNewline).prefix(while: { !$0.isNewline })
        guard line.hasPrefix("# ") else { return nil }
        let title = line.dropFirst(2).trimmingCharacters(in: CharacterSet(charactersIn: " \t#"))
        return title.isEmpty ? nil : title
    }
}
