/// Blame: which commit last changed each line of a page.
extension Wiki {
    /// Each line of the page at the tip (or at `revision`) with the commit, author and summary that introduced it;
    /// renames are followed. For a revision on main, built on the history index (see `blameFromIndex`);
    /// for another commit (a proposal's), libgit2's blame.
    public func blame(of page: PageName, at revision: String? = nil) throws -> [BlameLine] {
        try withRepository { repo in
            guard let commit = try commitID(revision, in: repo),
                  let file = try repo.fileBytes(at: page.fileName, inCommit: commit) else {
                throw StoreError.pageNotFound(page)
            }
            let texts = Self.lines(of: file.bytes)
            let origins: [LineOrigin?]
            if let (table, _) = try historyTable(in: repo), let ordinal = table.ordinal(of: commit),
               let indexed = try blameFromIndex(table, path: page.fileName, at: ordinal, bytes: file.bytes,
                                                lineCount: texts.count, repo: repo) {
                origins = indexed
            } else {
                origins = try libgit2Blame(path: page.fileName, at: commit, lineCount: texts.count, repo: repo)
            }
            var commits: [ObjectID: Commit] = [:]
            return try texts.indices.compactMap { index in
                guard let origin = origins[index] else { return nil }
                let found = try commits[origin.commit] ?? repo.commit(origin.commit)
                commits[origin.commit] = found
                return BlameLine(lineNumber: index + 1, text: texts[index], commit: origin.commit, author: found.author,
                                 summary: found.summary, originalPath: origin.path)
            }
        }
    }

    /// Where a line came from: the commit that introduced it and the file's path there.
    struct LineOrigin: Equatable {
        let commit: ObjectID
        let path: String
    }

    /// Blame by passing lines down the page's own revisions, newest first (git-on-libgit2.md §5.2): diff each
    /// version against the one before it; the lines a version added are its commit's, the others move on to the
    /// older version, until a version that created the file takes the rest. Only the page's revisions are read,
    /// never the trees of unrelated commits, which is what makes libgit2's blame slow.
    /// Nil when a merge commit would take lines: git blame gives those to the merged branch's commits, which
    /// the first-parent index does not hold, so the caller asks libgit2's blame.
    private func blameFromIndex(_ table: HistoryTable, path: String, at ordinal: UInt32, bytes: [UInt8],
                                lineCount: Int, repo: GitRepository) throws -> [LineOrigin?]? {
        var versions: [HistoryTable.Event] = []
        table.follow(path, atOrBefore: ordinal) { event in
            versions.append(event)
            return event.kind != .added && event.kind != .deleted
        }
        var origins = [LineOrigin?](repeating: nil, count: lineCount)
        // (line position in the version being looked at, line index in the blamed version), positions ascending.
        var pending = (0..<lineCount).map { ($0, $0) }
        var current = (blob: ObjectID?.none, hashes: LineDiff.lineHashes(bytes))
        for (index, version) in versions.enumerated() where !pending.isEmpty {
            let origin = LineOrigin(commit: table.commitID(version.commit), path: table.paths[Int(version.path)])
            guard index + 1 < versions.count, version.kind != .added, versions[index + 1].kind != .deleted else {
                if try repo.parents(of: origin.commit).count > 1 { return nil }
                for (_, line) in pending { origins[line] = origin }
                break
            }
            let olderBlob = versions[index + 1].blob
            let older = try lineHashes.hashes(of: olderBlob) { try repo.withBlobBytes(olderBlob, LineDiff.lineHashes) }
            let hunks = try LineDiff.unambiguousHunks(from: older, to: current.hashes) ?? GitRepository.lineHunks(
                from: repo.blobBytes(olderBlob), to: current.blob.map { try repo.blobBytes($0) } ?? bytes)
            var next: [(Int, Int)] = []
            next.reserveCapacity(pending.count)
            var hunkIndex = 0, shift = 0, claimed = false
            for (position, line) in pending {
                while hunkIndex < hunks.count, hunks[hunkIndex].newStart + hunks[hunkIndex].newCount <= position {
                    shift += hunks[hunkIndex].oldCount - hunks[hunkIndex].newCount
                    hunkIndex += 1
                }
                if hunkIndex < hunks.count, hunks[hunkIndex].newStart <= position {
                    if !claimed {
                        // Only commits that take lines are read, to tell merges apart.
                        if try repo.parents(of: origin.commit).count > 1 { return nil }
                        claimed = true
                    }
                    origins[line] = origin
                } else {
                    next.append((position + shift, line))
                }
            }
            pending = next
            current = (olderBlob, older)
        }
        return origins
    }

    /// libgit2's blame, line by line. (git_blame_file)
    private func libgit2Blame(path: String, at commit: ObjectID, lineCount: Int, repo: GitRepository) throws -> [LineOrigin?] {
        var origins = [LineOrigin?](repeating: nil, count: lineCount)
        for hunk in try repo.blame(path: path, newest: commit) {
            for number in hunk.startLine..<(hunk.startLine + hunk.lineCount) where number >= 1 && number <= lineCount {
                origins[number - 1] = LineOrigin(commit: hunk.commit, path: hunk.originalPath)
            }
        }
        return origins
    }

    /// The lines of a file without their "\n" (a final line without newline counts; an empty file has none).
    static func lines(of bytes: [UInt8]) -> [String] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        if bytes.last == UInt8(ascii: "\n") || bytes.isEmpty { lines.removeLast() }
        return lines
    }
}
