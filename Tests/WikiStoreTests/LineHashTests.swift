import Testing
@testable import WikiStore

/// Line hashes, the unit blame compares versions in.
@Suite struct LineHashTests {
    @Test("One hash per line, a last line without newline included; equal lines hash equal")
    func oneHashPerLine() {
        let hashes = LineDiff.lineHashes(Array("alpha\nbeta\nbeta\ngamma".utf8))
        #expect(hashes.count == 4)
        #expect(hashes[1] == hashes[2])
        #expect(Set(hashes).count == 3)
        // The newline is part of the line, as in git's diff: "gamma" at the end differs from "gamma\n".
        #expect(LineDiff.lineHashes(Array("gamma\n".utf8)) != [hashes[3]])
        #expect(LineDiff.lineHashes(Array("gamma".utf8)) == [hashes[3]])
    }

    @Test("Empty text has no lines; blank lines count")
    func emptyAndBlank() {
        #expect(LineDiff.lineHashes([]).isEmpty)
        #expect(LineDiff.lineHashes(Array("\n\n".utf8)).count == 2)
    }

    @Test("Hashing where libgit2 holds a blob gives the same hashes as hashing a copy")
    func inPlaceMatchesCopy() throws {
        let text = "# Runbook\n\n1. page the on-call\n2. check the dashboards\n"
        try withWiki(pages: ["Runbook": text]) { wiki in
            let found = try wiki.wiki.withRepository { repo -> ObjectID? in
                guard let tip = try repo.branchTip() else { return nil }
                return try repo.fileBytes(at: "Runbook.md", inCommit: tip)?.id
            }
            let blob = try #require(found)
            let inPlace = try wiki.wiki.withRepository { try $0.withBlobBytes(blob, LineDiff.lineHashes) }
            #expect(inPlace == LineDiff.lineHashes(Array(text.utf8)))
            #expect(inPlace.count == 4)
        }
    }
}
