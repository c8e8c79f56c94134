internal import CGit2

/// One single-use pack under construction, streamed out in pieces (git_packbuilder); not Sendable.
final class GitPackBuilder {
    /// The owned builder, freed in `deinit`.
    private let handle: OpaquePointer
    /// The repository the builder reads; kept alive as long as the builder.
    private let repository: GitRepository
    /// Called from libgit2's progress callback with (stage, current, total); a throw aborts the build.
    private var onProgress: ((PackStage, Int, Int) throws -> Void)?
    /// The error a callback threw, rethrown after libgit2 returns GIT_EUSER.
    private var callbackError: (any Error)?

    /// What the builder is doing when it reports progress.
    enum PackStage { case counting, compressing }

    /// A builder that deltifies on one thread: on 2 cores more threads were not faster (git-on-libgit2.md §2.4),
    /// and one thread keeps the progress callback on the caller's thread. (git_packbuilder_new)
    init(repository: GitRepository, progress: ((PackStage, Int, Int) throws -> Void)? = nil) throws {
        var out: OpaquePointer?
        try check(git_packbuilder_new(&out, repository.handle), "git_packbuilder_new")
        guard let out else { preconditionFailure("git_packbuilder_new returned no builder") }
        handle = out
        self.repository = repository
        git_packbuilder_set_threads(handle, 1)
        guard let progress else { return }
        onProgress = progress
        let result = git_packbuilder_set_callbacks(handle, { stage, current, total, payload in
            guard let payload else { return 0 }
            let builder = Unmanaged<GitPackBuilder>.fromOpaque(payload).takeUnretainedValue()
            do {
                try builder.onProgress?(stage == GIT_PACKBUILDER_ADDING_OBJECTS.rawValue ? .counting : .compressing,
                                        Int(current), Int(total))
                return 0
            } catch {
                builder.callbackError = error
                return GIT_EUSER.rawValue
            }
        }, Unmanaged.passUnretained(self).toOpaque())
        try check(result, "git_packbuilder_set_callbacks")
    }

    deinit { git_packbuilder_free(handle) }

    /// The number of objects inserted so far. (git_packbuilder_object_count)
    var objectCount: Int { git_packbuilder_object_count(handle) }

    /// Inserts every commit reachable from `tips` but not from `hidden`, with their trees and blobs.
    /// Tags among the tips are peeled by the walk; insert tag objects themselves with `insert`.
    /// (git_revwalk_push, git_revwalk_hide, git_packbuilder_insert_walk)
    func insertHistory(from tips: [ObjectID], hiding hidden: [ObjectID]) throws {
        try repository.withRevwalk(from: tips, hiding: hidden) { walk in
            try run { git_packbuilder_insert_walk(handle, walk) }
        }
    }

    /// Inserts one object alone (an annotated tag, a blob). (git_packbuilder_insert)
    func insert(_ id: ObjectID) throws {
        var raw = id.raw
        try run { git_packbuilder_insert(handle, &raw, nil) }
    }

    /// Inserts a commit and its whole tree, not its parents (the edge of a shallow pack). (git_packbuilder_insert_commit)
    func insertCommit(_ id: ObjectID) throws {
        var raw = id.raw
        try run { git_packbuilder_insert_commit(handle, &raw) }
    }

    /// Inserts an object and everything it references (a tag's target, a tree's entries). (git_packbuilder_insert_recur)
    func insertRecursively(_ id: ObjectID) throws {
        var raw = id.raw
        try run { git_packbuilder_insert_recur(handle, &raw, nil) }
    }

    /// Builds the pack and hands it to `write` piece by piece (12-byte header, objects, 20-byte trailer);
    /// libgit2 deltifies everything before the first piece. A throw from `write` aborts. (git_packbuilder_foreach)
    func stream(_ write: (UnsafeRawBufferPointer) throws -> Void) throws {
        try withoutActuallyEscaping(write) { write in
            var context = StreamContext(write: write)
            let result = withUnsafeMutablePointer(to: &context) { pointer in
                git_packbuilder_foreach(handle, { buffer, size, payload in
                    guard let payload else { return GIT_EUSER.rawValue }
                    let context = payload.assumingMemoryBound(to: StreamContext.self)
                    do {
                        try context.pointee.write(UnsafeRawBufferPointer(start: buffer, count: size))
                        return 0
                    } catch {
                        context.pointee.error = error
                        return GIT_EUSER.rawValue
                    }
                }, pointer)
            }
            if let error = context.error { throw error }
            if let error = callbackError { throw error }
            try check(result, "git_packbuilder_foreach")
        }
    }

    /// Writes the pack and its index into `objects/pack` and returns the pack's name (`pack-<hex>`).
    /// (git_packbuilder_write, git_packbuilder_name)
    func writeToRepository() throws -> String {
        try run { git_packbuilder_write(handle, nil, 0, nil, nil) }
        guard let name = git_packbuilder_name(handle) else { throw StoreError.invalidInput("the pack has no name") }
        return "pack-" + String(cString: name)
    }

    /// The foreach callback's context: the writer and the error it threw.
    private struct StreamContext {
        let write: (UnsafeRawBufferPointer) throws -> Void
        var error: (any Error)?
    }

    /// Runs a libgit2 call that may invoke the progress callback, rethrowing the callback's own error.
    private func run(_ call: () -> Int32) throws {
        let result = call()
        if let error = callbackError { throw error }
        try check(result, "git_packbuilder")
    }
}

extension GitRepository {
    /// Runs `body` with a revwalk over the commits reachable from `tips` but not from `hidden`, newest first.
    /// Tips and hidden ids may be annotated tags (the walk peels them). (git_revwalk_new, git_revwalk_push)
    func withRevwalk<R>(from tips: [ObjectID], hiding hidden: [ObjectID], _ body: (OpaquePointer) throws -> R) throws -> R {
        var walk: OpaquePointer?
        try check(git_revwalk_new(&walk, handle), "git_revwalk_new")
        defer { git_revwalk_free(walk) }
        guard let walk else { preconditionFailure("git_revwalk_new returned no walk") }
        try check(git_revwalk_sorting(walk, GIT_SORT_TIME.rawValue), "git_revwalk_sorting")
        for tip in tips {
            var raw = tip.raw
            try check(git_revwalk_push(walk, &raw), "git_revwalk_push")
        }
        for id in hidden {
            var raw = id.raw
            try check(git_revwalk_hide(walk, &raw), "git_revwalk_hide")
        }
        return try body(walk)
    }

    /// The commits reachable from `tips` but not from `hidden`. (git_revwalk_next)
    func commits(from tips: [ObjectID], hiding hidden: [ObjectID]) throws -> [ObjectID] {
        try withRevwalk(from: tips, hiding: hidden) { walk in
            var ids: [ObjectID] = []
            var next = git_oid()
            while true {
                let result = git_revwalk_next(&next, walk)
                if result == GIT_ITEROVER.rawValue { return ids }
                try check(result, "git_revwalk_next")
                ids.append(ObjectID(next))
            }
        }
    }
}
