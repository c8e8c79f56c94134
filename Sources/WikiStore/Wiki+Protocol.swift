/// The git smart protocol as bytes in, bytes out: the HTTP layer routes requests here (gitprotocol-http).
extension Wiki {
    /// The body of `GET info/refs?service=git-upload-pack`: protocol v2's capability list when the client sent
    /// `Git-Protocol: version=2`, otherwise the v0 ref advertisement (v1 clients accept v0 answers), preceded
    /// by the `# service=git-upload-pack` header when `forHTTP`.
    public func uploadPackAdvertisement(protocolVersion: Int, forHTTP: Bool) throws -> [UInt8] {
        if protocolVersion == 2 { return RefAdvertisement.version2Capabilities }
        let refs = try withRepository { repo in
            RefAdvertisement(refs: try repo.advertisedReferences(), headTarget: try repo.headTarget())
        }
        return (forHTTP ? RefAdvertisement.serviceHeader("git-upload-pack") : []) + refs.uploadPackV0()
    }

    /// Answers one `POST git-upload-pack` body (already un-gzipped) with the negotiation and, when it is over,
    /// the pack, handed to `write` piece by piece (at most 64 KiB each; the pack is never held in memory).
    /// Malformed requests and unknown wants are answered in-protocol with an `ERR` packet, as git does;
    /// a throw means the repository failed or `write` threw (the client went away).
    public func uploadPack(request body: [UInt8], protocolVersion: Int, write: ([UInt8]) throws -> Void) throws {
        // Another process may have moved main: let the refresher check the tip (CloneCacheRefresher).
        noteRefsMayHaveMoved()
        try withoutActuallyEscaping(write) { write in
            try withRepository { repo in
                let service = try UploadPack(repository: repo, cache: PackCache(repositoryPath: path))
                if protocolVersion == 2 {
                    try service.respondVersion2(to: body, write: write)
                } else {
                    try service.respondVersion0(to: body, write: write)
                }
            }
        }
    }

    /// From now on, keeps the clone pack cache at the current refs in the background after every write and
    /// upload-pack request, debounced (`CloneCacheRefresher`), starting with a refresh now. `serve` calls it once.
    public func keepCloneCacheWarm() {
        CloneCacheRefresher.forRepository(at: path).enable()
        noteRefsMayHaveMoved()
    }

    /// Tells the refresher that refs may have moved; returns at once (does nothing until `keepCloneCacheWarm`).
    func noteRefsMayHaveMoved() {
        CloneCacheRefresher.forRepository(at: path).request { [self] in
            // A failed refresh only means the next clone makes its own pack; there is nobody to report to.
            try? refreshCloneCache()
        }
    }

    /// Builds and stores the pack a `git clone` of the current refs will ask for, so that the next clone
    /// streams it instead of waiting for a build. Call it off the request path after main moves.
    public func refreshCloneCache() throws {
        try withRepository { repo in
            let service = try UploadPack(repository: repo, cache: PackCache(repositoryPath: path))
            try service.warmCloneCache()
        }
    }
}

extension Wiki {
    /// The body of `GET info/refs?service=git-receive-pack`: the refs and receive-pack capabilities, preceded by
    /// the `# service=git-receive-pack` header when `forHTTP` (push always speaks v0; git-on-libgit2.md §2.1).
    public func receivePackAdvertisement(forHTTP: Bool) throws -> [UInt8] {
        let refs = try withRepository { repo in
            RefAdvertisement(refs: try repo.advertisedReferences(), headTarget: try repo.headTarget())
        }
        return (forHTTP ? RefAdvertisement.serviceHeader("git-receive-pack") : []) + refs.receivePackV0()
    }

    /// Answers one `POST git-receive-pack` body: indexes and verifies the pack in quarantine, then (under the
    /// writer lock, like web edits) fast-forwards main by compare-and-swap and stores `refs/for/main` pushes
    /// as proposals, as far as `permissions` allow. A bad or truncated pack changes nothing and is reported
    /// as `unpack <reason>`; refused commands get `ng <ref> <reason>`. `linkPrefix` goes before
    /// `/proposals/<id>` in the message the client prints. Throws `invalidInput` for a malformed command list.
    @discardableResult
    public func receivePack(request body: [UInt8], permissions: PushPermissions, linkPrefix: String = "",
                            write: ([UInt8]) throws -> Void) throws -> PushResult {
        defer { noteRefsMayHaveMoved() }
        return try withRepository { repo in
            let result = try ReceivePack(repository: repo, repositoryPath: path, writer: writer, permissions: permissions,
                                         identity: identity, linkPrefix: linkPrefix).respond(to: body, write: write)
            for update in result.updates where update.ref == GitRepository.mainBranch {
                commitCounters.add(try repo.commitCount(from: update.old, to: update.new), source: .push)
            }
            return result
        }
    }
}
