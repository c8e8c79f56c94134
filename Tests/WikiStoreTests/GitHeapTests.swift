import Testing
@testable import WikiStore

/// libgit2's heap, counted by the allocator GitRepository installs (the `git` gauge of /metrics).
@Suite struct GitHeapTests {
    @Test("What libgit2 allocates for open repositories and read objects is counted")
    func countsLibgit2Allocations() throws {
        let pages = Dictionary(uniqueKeysWithValues: (0..<50).map { ("Page-\($0)", "# Page \($0)\n") })
        try withWiki(pages: pages) { wiki in
            for number in 0..<50 { _ = try wiki.wiki.page(PageName("Page-\(number)")) }
            // An open handle (odb, refdb, config) and the cached commits and trees take tens of kilobytes.
            #expect(Wiki.gitHeapBytes > 10_000, "libgit2 heap: \(Wiki.gitHeapBytes) bytes")
        }
    }
}
