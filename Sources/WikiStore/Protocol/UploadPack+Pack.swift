import Foundation

extension UploadPack {
    /// The result of `deepen N`: the commits within depth and the lines that tell the client its new edge.
    struct ShallowCut {
        /// Commits at depth 1…N below the wants, in breadth-first order.
        let commits: [ObjectID]
        /// `shallow <hex>` for new edge commits, `unshallow <hex>` for client edges now filled in.
        let lines: [String]
    }

    /// What goes into one pack.
    struct PackPlan {
        /// Commits whose history (minus `hidden`) is sent.
        var historyTips: [ObjectID] = []
        /// The client's side of the history: its common commits and shallow edges.
        var hidden: [ObjectID] = []
        /// With `deepen`: exactly these commits with their trees, instead of a history walk.
        var shallowCommits: [ObjectID]?
        /// Annotated tag objects sent as themselves (their targets come with the history).
        var tags: [ObjectID] = []
        /// Wanted objects that are not commit-ish (a tag of a tree): sent with everything they reference.
        var others: [ObjectID] = []
        /// The client accepts OFS_DELTA (every git since 1.4.4 asks): required for cached and on-disk packs,
        /// which may hold them; libgit2's own builds never do.
        var offsetDeltas = true

        /// A full-clone pack depends only on what was asked, so that set is its cache key; nil when the pack
        /// also depends on the client's haves or shallow edge.
        func cacheKey() throws -> ObjectID? {
            guard hidden.isEmpty, shallowCommits == nil else { return nil }
            let ids = Set(historyTips + tags + others).map(\.description).sorted()
            return try ObjectID.blobID(of: Array(("opswiki clone pack v1\n" + ids.joined(separator: "\n")).utf8))
        }
    }

    /// Breadth-first from the wants: commits at depth `depth` that have parents become the new shallow edge
    /// (gitprotocol-pack, "Shallow"; upload-pack.c deepen).
    func shallowCut(wants: [ObjectID], depth: Int, clientShallows: [ObjectID]) throws -> ShallowCut {
        var level = try wants.map { try repository.peel($0) }.filter { try repository.objectType($0) == .commit }
        var seen = Set(level), commits: [ObjectID] = [], lines: [String] = []
        let clientEdge = Set(clientShallows)
        for current in 1...depth where !level.isEmpty {
            var next: [ObjectID] = []
            for commit in level {
                commits.append(commit)
                let parents = try repository.parents(of: commit)
                if current == depth {
                    if !parents.isEmpty, !clientEdge.contains(commit) { lines.append("shallow \(commit)") }
                } else {
                    if clientEdge.contains(commit), !parents.isEmpty { lines.append("unshallow \(commit)") }
                    for parent in parents where seen.insert(parent).inserted { next.append(parent) }
                }
            }
            level = next
        }
        return ShallowCut(commits: commits, lines: lines)
    }

    /// Plans and sends the pack of a request whose negotiation is over, then the closing flush.
    func sendPack(_ request: FetchRequest, common: [ObjectID], shallow: ShallowCut?, to output: inout SideBandWriter) throws {
        var plan = PackPlan()
        for want in request.wants {
            let peeled = try repository.peel(want)
            let peeledKind = try repository.objectType(peeled)
            if peeled != want { plan.tags.append(want) }
            if peeledKind == .commit { plan.historyTips.append(peeled) } else { plan.others.append(want) }
        }
        let haveCommits = try request.clientShallows.filter { try repository.objectType($0) == .commit }
        plan.hidden = common + (shallow == nil ? haveCommits : [])
        let commonSet = Set(common)
        plan.shallowCommits = shallow.map { cut in cut.commits.filter { !commonSet.contains($0) } }
        if request.includesTags { plan.tags += try tagsPointing(into: plan) }
        plan.offsetDeltas = request.capabilities.contains("ofs-delta")
        try send(plan, to: &output)
        try output.finish()
    }

    /// include-tag: the annotated tags, not already wanted, whose target commit is in the pack.
    private func tagsPointing(into plan: PackPlan) throws -> [ObjectID] {
        let candidates = advertisement.refs.filter { $0.peeled != nil && $0.name.hasPrefix("refs/tags/") && !plan.tags.contains($0.id) }
        guard !candidates.isEmpty else { return [] }
        let sent = Set(try plan.shallowCommits ?? repository.commits(from: plan.historyTips, hiding: plan.hidden))
        return candidates.compactMap { ref in ref.peeled.flatMap { sent.contains($0) ? ref.id : nil } }
    }

    /// Streams `plan`'s pack: from the cache when it holds this clone's pack, else built now (and stored when
    /// it is a clone pack nobody else is building).
    func send(_ plan: PackPlan, to output: inout SideBandWriter) throws {
        let key = try cache == nil || !plan.offsetDeltas ? nil : plan.cacheKey()
        if let cache, let key, let file = cache.open(key) {
            defer { try? file.close() }
            try output.progress("Sending cached pack\n")
            while let chunk = try file.read(upToCount: SideBandWriter.maximumChunk), !chunk.isEmpty {
                try chunk.withUnsafeBytes { try output.data($0) }
            }
            return
        }
        let writer = try key.flatMap { try cache?.beginWriting($0, contents: plan) }
        try produce(plan, progress: output) { piece in
            try output.data(piece)
            try writer?.append(piece)
        }
        try writer?.commit()
    }

    /// Makes `plan`'s pack, cheapest first: for a clone, the repository's own pack when it is the only one
    /// (`UploadPack+DiskPack.swift`), or a cached pack of an older tip spliced with the new objects; else a build.
    func produce(_ plan: PackPlan, progress reporter: SideBandWriter?, sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        if plan.offsetDeltas, try plan.cacheKey() != nil, let pack = try soleRepositoryPack(covering: plan),
           try streamPackFile(pack, progress: reporter, sink: sink) { return }
        if plan.offsetDeltas, let base = try spliceBase(for: plan), try splice(plan, onto: base, progress: reporter, sink: sink) { return }
        try build(plan, progress: reporter, sink: sink)
    }

    /// Builds the pack of `plan`, reporting progress (or, without progress, a keep-alive every 5 s) on `reporter`.
    func build(_ plan: PackPlan, progress reporter: SideBandWriter?, sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        var lastWrite = ContinuousClock.now
        let builder = try GitPackBuilder(repository: repository) { stage, current, total in
            guard let reporter, ContinuousClock.now - lastWrite > (reporter.showsProgress ? .seconds(1) : .seconds(5)) else { return }
            lastWrite = ContinuousClock.now
            if !reporter.showsProgress { return try reporter.keepAlive() }
            switch stage {
            case .counting: try reporter.progress("Counting objects: \(current)\r")
            case .compressing: try reporter.progress("Compressing objects: \(total > 0 ? 100 * current / total : 0)% (\(current)/\(total))\r")
            }
        }
        if let commits = plan.shallowCommits {
            for commit in commits { try builder.insertCommit(commit) }
        } else if !plan.historyTips.isEmpty {
            try builder.insertHistory(from: plan.historyTips, hiding: plan.hidden)
        }
        for tag in plan.tags { try builder.insert(tag) }
        for other in plan.others { try builder.insertRecursively(other) }
        try reporter?.progress("Total \(builder.objectCount) objects\n")
        try builder.stream(sink)
    }
}

extension UploadPack {
    /// The plan of a default `git clone`: every branch and tag (clone's refspecs are `refs/heads/*` and `refs/tags/*`).
    func clonePlan() throws -> PackPlan {
        var plan = PackPlan()
        var seen = Set<ObjectID>()
        for ref in advertisement.refs where ref.name.hasPrefix("refs/heads/") || ref.name.hasPrefix("refs/tags/") {
            guard seen.insert(ref.id).inserted else { continue }
            let target = ref.peeled ?? ref.id
            if ref.peeled != nil { plan.tags.append(ref.id) }
            if try repository.objectType(target) == .commit { plan.historyTips.append(target) } else { plan.others.append(ref.id) }
        }
        return plan
    }

    /// Stores the clone pack of the current refs unless it is cached or being built already.
    func warmCloneCache() throws {
        let plan = try clonePlan()
        guard let cache, !plan.historyTips.isEmpty || !plan.others.isEmpty, let key = try plan.cacheKey() else { return }
        if let file = cache.open(key) { try? file.close(); return }
        guard let writer = try cache.beginWriting(key, contents: plan) else { return }
        try produce(plan, progress: nil) { piece in try writer.append(piece) }
        try writer.commit()
    }
}
