import Foundation

/// What one maintenance run did.
public struct MaintenanceReport: Sendable, Equatable {
    /// Objects in the new pack; 0 when the repository was already one pack and nothing loose.
    public var packedObjects = 0
    /// Loose objects deleted because the new pack holds them.
    public var removedLooseObjects = 0
    /// Old packs deleted because the new pack holds all their objects.
    public var removedPacks = 0
    /// Quarantine folders of pushes that died with an earlier process, deleted.
    public var removedQuarantines = 0
    /// Commits in the commit-graph file written.
    public var graphCommits = 0
}

/// Repository upkeep that libgit2 does not do (git-on-libgit2.md §5.3): `opswiki gc` and a periodic run call it.
extension Wiki {
    /// Packs loose refs, repacks everything reachable from any ref into one pack (deleting the loose objects
    /// and packs it makes redundant), writes the commit-graph, removes stale push quarantines and refreshes
    /// the clone pack cache. Safe while
    /// serving: nothing is deleted before the new pack holds it, and unreachable objects are kept.
    @discardableResult
    public func maintenance() throws -> MaintenanceReport {
        var report = MaintenanceReport()
        // Ref packing rewrites packed-refs: serialise it with pushes and web edits in this process.
        try writer.withLock { try withRepository { repo in try repo.packReferences() } }
        try withRepository { repo in
            let refs = try repo.advertisedReferences()
            guard !refs.isEmpty else { return }
            let before = try repo.objectFiles()
            if before.packs.count > 1 || !before.loose.isEmpty {
                let pack = try repo.packReachable(from: refs)
                report.packedObjects = pack.objects
                (report.removedLooseObjects, report.removedPacks) = try repo.removeObjects(containedIn: pack.name)
            }
            let tips = try refs.compactMap { ref in try repo.objectType(ref.peeled ?? ref.id) == .commit ? ref.peeled ?? ref.id : nil }
            try repo.writeCommitGraph(tips: tips)
            report.graphCommits = try repo.commits(from: tips, hiding: []).count
        }
        report.removedQuarantines = removeStaleQuarantines()
        try refreshCloneCache()
        return report
    }

    /// Deletes push quarantines (`<repo>/opswiki/incoming/<uuid>`) older than a day: a live push finishes in
    /// minutes, so an older one belonged to a process that crashed mid-push. Returns how many went.
    private func removeStaleQuarantines() -> Int {
        let incoming = path + "/opswiki/incoming"
        let cutoff = Date(timeIntervalSinceNow: -24 * 3600)
        var removed = 0
        for name in (try? FileManager.default.contentsOfDirectory(atPath: incoming)) ?? [] {
            let folder = incoming + "/" + name
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: folder))?[.modificationDate] as? Date,
                  modified < cutoff, (try? FileManager.default.removeItem(atPath: folder)) != nil else { continue }
            removed += 1
        }
        return removed
    }
}
