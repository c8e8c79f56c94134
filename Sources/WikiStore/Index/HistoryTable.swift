/// The per-path history of main's first-parent chain: every commit (oldest first, addressed by a `UInt32`
/// ordinal) and, for each file path, the commits that changed it.
///
/// A value type of flat arrays so that a reader's copy is a few retains and the whole table stays compact
/// (git-on-libgit2.md §6.2, "History index design"). It is derived data: `HistoryIndex` builds and extends it
/// from git and `HistoryTable+Storage.swift` persists it; nothing here reads git.
struct HistoryTable: Sendable, Equatable {
    /// One change of one path in one commit.
    struct Event: Equatable {
        /// The commit's ordinal.
        let commit: UInt32
        /// What the commit did to the path.
        let kind: ChangeKind
        /// The path's id in `paths`.
        let path: UInt32
        /// For a rename, the id of the path before it.
        let previousPath: UInt32?
        /// The blob after the change (before it, for a deletion).
        let blob: ObjectID
    }

    /// Commit ids, 20 bytes each, in first-parent order from the root.
    private(set) var commitBytes: [UInt8] = []
    /// Ordinal by the first 8 bytes of the id; ids that share those bytes with an earlier one go to `overflow`.
    private var ordinals: [UInt64: UInt32] = [:]
    private var overflow: [ObjectID: UInt32] = [:]
    /// Interned paths.
    private(set) var paths: [String] = []
    private var pathIDs: [String: UInt32] = [:]
    /// Every event in commit order, as parallel arrays (`eventKinds` holds `Event.kind` codes).
    private(set) var eventCommits: [UInt32] = []
    private(set) var eventPaths: [UInt32] = []
    private(set) var eventPrevious: [UInt32] = []
    private(set) var eventKinds: [UInt8] = []
    private(set) var eventBlobs: [UInt8] = []
    /// For each path id, the indices of its events, oldest first.
    private var pathEvents: [[UInt32]] = []

    /// `eventPrevious` for an event without a previous path.
    static let noPath = UInt32.max
    /// The kinds in their stored order; the position is the stored code.
    static let kinds: [ChangeKind] = [.added, .modified, .deleted, .renamed]

    /// The number of commits indexed.
    var commitCount: Int { commitBytes.count / ObjectID.byteCount }
    /// The number of events.
    var eventCount: Int { eventCommits.count }
    /// The newest indexed commit, or nil for an empty table.
    var tip: ObjectID? { commitCount == 0 ? nil : commitID(UInt32(commitCount - 1)) }

    /// The id of the commit with this ordinal.
    func commitID(_ ordinal: UInt32) -> ObjectID {
        let start = Int(ordinal) * ObjectID.byteCount
        guard let id = ObjectID(bytes: Array(commitBytes[start..<start + ObjectID.byteCount])) else {
            preconditionFailure("a commit slot is 20 bytes")
        }
        return id
    }

    /// The ordinal of a commit on the indexed chain, or nil.
    func ordinal(of id: ObjectID) -> UInt32? {
        if let ordinal = ordinals[Self.key(id.bytes[...])], commitMatches(ordinal, id) { return ordinal }
        return overflow[id]
    }

    /// The event at `index`.
    func event(_ index: UInt32) -> Event {
        let i = Int(index), start = i * ObjectID.byteCount
        guard let blob = ObjectID(bytes: Array(eventBlobs[start..<start + ObjectID.byteCount])) else {
            preconditionFailure("a blob slot is 20 bytes")
        }
        let previous = eventPrevious[i]
        return Event(commit: eventCommits[i], kind: Self.kinds[Int(eventKinds[i])], path: eventPaths[i],
                     previousPath: previous == Self.noPath ? nil : previous, blob: blob)
    }

    /// The id of `path`, or nil when no indexed commit touched it.
    func pathID(_ path: String) -> UInt32? { pathIDs[path] }

    /// The events of `path` at or before commit `ordinal`, newest first.
    func events(of path: UInt32, atOrBefore ordinal: UInt32) -> ReversedCollection<ArraySlice<UInt32>> {
        let list = pathEvents[Int(path)]
        // Binary search for the first event newer than `ordinal`.
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if eventCommits[Int(list[middle])] <= ordinal { low = middle + 1 } else { high = middle }
        }
        return list[..<low].reversed()
    }

    /// Appends a commit (the child of the current tip on the first-parent chain) and its changes.
    mutating func append(commit id: ObjectID, changes: [PathChange]) {
        let ordinal = UInt32(commitCount)
        let key = Self.key(id.bytes[...])
        if ordinals[key] == nil { ordinals[key] = ordinal } else { overflow[id] = ordinal }
        commitBytes += id.bytes
        for change in changes {
            let path = intern(change.path)
            let previous = change.previousPath.map { intern($0) } ?? Self.noPath
            guard let code = Self.kinds.firstIndex(of: change.kind) else { continue }
            appendEvent(commit: ordinal, path: path, previous: previous, kind: UInt8(code), blob: change.blob.bytes[...])
        }
    }

    /// Drops every commit newer than `ordinal` (main was moved back or force-pushed past it).
    mutating func truncate(after ordinal: UInt32) {
        let keep = Int(ordinal) + 1
        guard keep < commitCount else { return }
        for dropped in keep..<commitCount {
            let id = commitID(UInt32(dropped))
            if overflow.removeValue(forKey: id) == nil { ordinals[Self.key(id.bytes[...])] = nil }
        }
        commitBytes.removeSubrange((keep * ObjectID.byteCount)...)
        var firstDropped = eventCount
        while firstDropped > 0, eventCommits[firstDropped - 1] > ordinal { firstDropped -= 1 }
        for index in firstDropped..<eventCount { pathEvents[Int(eventPaths[index])].removeLast() }
        eventCommits.removeSubrange(firstDropped...)
        eventPaths.removeSubrange(firstDropped...)
        eventPrevious.removeSubrange(firstDropped...)
        eventKinds.removeSubrange(firstDropped...)
        eventBlobs.removeSubrange((firstDropped * ObjectID.byteCount)...)
    }

    /// Adds a decoded commit id (loading a stored table); the caller appends events with `appendEvent`.
    mutating func appendStoredCommit(_ bytes: ArraySlice<UInt8>) {
        let ordinal = UInt32(commitCount)
        let key = Self.key(bytes)
        if ordinals[key] == nil {
            ordinals[key] = ordinal
        } else if let id = ObjectID(bytes: Array(bytes)) {
            overflow[id] = ordinal
        }
        commitBytes += bytes
    }

    /// Adds a decoded path; returns false for a duplicate.
    mutating func appendStoredPath(_ path: String) -> Bool {
        guard pathIDs[path] == nil else { return false }
        _ = intern(path)
        return true
    }

    /// Appends one event whose fields were validated by the caller.
    mutating func appendEvent(commit: UInt32, path: UInt32, previous: UInt32, kind: UInt8, blob: ArraySlice<UInt8>) {
        pathEvents[Int(path)].append(UInt32(eventCount))
        eventCommits.append(commit)
        eventPaths.append(path)
        eventPrevious.append(previous)
        eventKinds.append(kind)
        eventBlobs += blob
    }

    private mutating func intern(_ path: String) -> UInt32 {
        if let id = pathIDs[path] { return id }
        let id = UInt32(paths.count)
        paths.append(path)
        pathIDs[path] = id
        pathEvents.append([])
        return id
    }

    private func commitMatches(_ ordinal: UInt32, _ id: ObjectID) -> Bool {
        let start = Int(ordinal) * ObjectID.byteCount
        return commitBytes[start..<start + ObjectID.byteCount].elementsEqual(id.bytes)
    }

    /// The first 8 bytes of an id as a dictionary key (ids are SHA-1: uniformly distributed).
    private static func key(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}

/// One path changed by one commit against its first parent, as the history index records it.
struct PathChange: Equatable {
    /// The path after the change (the deleted path for a deletion).
    let path: String
    /// What happened.
    let kind: ChangeKind
    /// The path before a rename.
    let previousPath: String?
    /// The blob after the change (before it, for a deletion).
    let blob: ObjectID
}

extension HistoryTable {
    /// Calls `visit` with the events of `path` at or before commit `start`, newest first, following renames
    /// back to the older path as `git log --follow` does, until `visit` returns false.
    func follow(_ path: String, atOrBefore start: UInt32, _ visit: (Event) -> Bool) {
        guard var current = pathID(path) else { return }
        var upper = start
        while true {
            var renamedFrom: (path: UInt32, before: UInt32)?
            for index in events(of: current, atOrBefore: upper) {
                let event = event(index)
                guard visit(event) else { return }
                if event.kind == .renamed, let previous = event.previousPath, event.commit > 0 {
                    renamedFrom = (previous, event.commit - 1)
                    break
                }
            }
            guard let renamedFrom else { return }
            (current, upper) = renamedFrom
        }
    }
}
