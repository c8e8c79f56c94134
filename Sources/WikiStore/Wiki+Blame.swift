/// Blame: which commit last changed each line of a page.
extension Wiki {
    /// Each line of the page at the tip (or at `revision`) with the commit, author and summary that introduced it;
    /// renames are followed.
    public func blame(of page: PageName, at revision: String? = nil) throws -> [BlameLine] {
        try withRepository { repo in
            guard let commit = try commitID(revision, in: repo),
                  let file = try repo.fileBytes(at: page.fileName, inCommit: commit) else {
                throw StoreError.pageNotFound(page)
            }
            let texts = Self.lines(of: file.bytes)
            var commits: [ObjectID: Commit] = [:]
            var result: [BlameLine] = []
            result.reserveCapacity(texts.count)
            for hunk in try repo.blame(path: page.fileName, newest: commit) {
                let origin = try commits[hunk.commit] ?? repo.commit(hunk.commit)
                commits[hunk.commit] = origin
                for number in hunk.startLine..<(hunk.startLine + hunk.lineCount) where number >= 1 && number <= texts.count {
                    result.append(BlameLine(lineNumber: number, text: texts[number - 1], commit: hunk.commit,
                                            author: origin.author, summary: origin.summary, originalPath: hunk.originalPath))
                }
            }
            return result
        }
    }

    /// The lines of a file without their "\n" (a final line without newline counts; an empty file has none).
    static func lines(of bytes: [UInt8]) -> [String] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        if bytes.last == UInt8(ascii: "\n") || bytes.isEmpty { lines.removeLast() }
        return lines
    }
}
