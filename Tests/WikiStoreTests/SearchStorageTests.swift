import Foundation
import Testing
@testable import WikiStore

/// The stored search index (`opswiki/search-v1.idx`): loaded at start, extended by tree diff, never trusted damaged.
@Suite struct SearchStorageTests {
    static let pages = ["Home": "# Welcome\nthe pager rota and the failover runbook\n", "Ops": "restart the primary replica\n",
                        "team/Db": "# Database\nfailover of the primary, pager duty\n"]

    @Test("A second process loads the stored index, moves it to the new tip, and answers as a fresh build")
    func loadsAndExtends() throws {
        let wiki = try TemporaryWiki(pages: Self.pages)
        try wiki.wiki.warmIndexes()
        let stored = try SearchIndex.decoded(try #require(IndexFile.read(wiki.wiki.searchIndexFile)))
        #expect(stored.tip == (try wiki.tip()).id)
        #expect(stored.documents.map(\.name.description).sorted() == ["Home", "Ops", "team/Db"])
        try wiki.externalCommit(file: "Ops.md", text: "the pager moved to the ops rota\n")
        let reopened = try Wiki.open(at: wiki.path)
        let fresh = try TemporaryWiki(pages: Self.pages.merging(["Ops": "the pager moved to the ops rota\n"]) { $1 })
        for query in ["pager", "failover primary", "rota", "databa"] {
            let ours = try reopened.search(query), theirs = try fresh.wiki.search(query)
            #expect(ours.hits.map(\.name) == theirs.hits.map(\.name), "\(query)")
            #expect(ours.hits.map(\.snippet) == theirs.hits.map(\.snippet), "\(query)")
            #expect(ours.hits.map(\.score) == theirs.hits.map(\.score), "\(query)")
        }
    }

    @Test("The stored documents are what the index uses (not a rebuild), when their tip is in the repository")
    func storedDocumentsAreUsed() throws {
        let wiki = try TemporaryWiki(pages: Self.pages)
        let tip = try wiki.tip().id
        let blob = try #require(try wiki.wiki.withRepository { try $0.entry(at: "Ops.md", inCommit: tip) }).id
        let marker = SearchIndex.Document(name: try PageName("Ops"), title: "Ops", blob: blob, frequencies: ["zebra": 1],
                                          titleTerms: ["ops"], length: 1)
        try IndexFile.write(SearchIndex.encoded(tip: tip, documents: [marker]), to: wiki.wiki.searchIndexFile)
        #expect(try wiki.wiki.search("zebra").hits.map(\.name.description) == ["Ops"])
        // A file whose tip is not a commit of this repository is ignored: the index is built from the tree.
        let other = try TemporaryWiki(pages: Self.pages)
        let foreign = try #require(ObjectID(hex: String(repeating: "ab", count: 20)))
        try IndexFile.write(SearchIndex.encoded(tip: foreign, documents: [marker]), to: other.wiki.searchIndexFile)
        #expect(try other.wiki.search("zebra").hits.isEmpty)
        #expect(try other.wiki.search("replica").hits.map(\.name.description) == ["Ops"])
    }

    @Test("A damaged file is refused, the index is built from the tree, and warmIndexes rewrites the file",
          arguments: ["truncate", "flip", "garbage"])
    func damagedFile(_ damage: String) throws {
        let wiki = try TemporaryWiki(pages: Self.pages)
        try wiki.wiki.warmIndexes()
        var bytes = try #require(IndexFile.read(wiki.wiki.searchIndexFile))
        switch damage {
        case "truncate": bytes.removeLast(bytes.count / 2)
        case "flip": bytes[bytes.count / 2] ^= 0x20
        default: bytes = Array("garbage".utf8)
        }
        try IndexFile.write(bytes, to: wiki.wiki.searchIndexFile)
        #expect(throws: IndexFileError.self) { try SearchIndex.decoded(bytes) }
        let reopened = try Wiki.open(at: wiki.path)
        #expect(try Set(reopened.search("failover").hits.map(\.name.description)) == ["Home", "team/Db"])
        try reopened.warmIndexes()
        let rewritten = try SearchIndex.decoded(try #require(IndexFile.read(wiki.wiki.searchIndexFile)))
        #expect(rewritten.documents.count == 3)
    }
}
