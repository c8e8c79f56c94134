/// The refs a client sees first, and the capability lists of both services (gitprotocol-pack,
/// "Reference Discovery"; gitprotocol-v2, "Capability Advertisement"; git-on-libgit2.md §2.3, §3.1).
struct RefAdvertisement {
    /// Every direct ref, sorted bytewise, tags peeled.
    let refs: [AdvertisedRef]
    /// The ref HEAD names (`refs/heads/main`), nil when HEAD is detached or missing.
    let headTarget: String?

    /// The `agent=` value of both services.
    static let agent = "opswiki/0.1.0"

    /// The id HEAD resolves to, nil while its branch is unborn.
    var headID: ObjectID? { refs.first { $0.name == headTarget }?.id }

    /// upload-pack v0 capabilities: exactly what the verified prototype advertised (git-on-libgit2.md §2.3.2).
    /// No `thin-pack` (libgit2 never makes thin packs), no `deepen-since`/`deepen-not`/`filter` (not implemented:
    /// the client then refuses those options cleanly).
    var uploadPackCapabilities: String {
        var capabilities = ["multi_ack_detailed", "no-done", "side-band-64k", "ofs-delta", "shallow", "include-tag",
                            "no-progress", "allow-tip-sha1-in-want", "allow-reachable-sha1-in-want"]
        if headID != nil, let headTarget { capabilities.append("symref=HEAD:\(headTarget)") }
        capabilities += ["object-format=sha1", "agent=\(RefAdvertisement.agent)"]
        return capabilities.joined(separator: " ")
    }

    /// receive-pack capabilities. No `delete-refs` (deleting main is never allowed and proposals are closed,
    /// not deleted) and no `atomic` (only one ref besides proposals can move), so the client refuses
    /// `git push --delete` and `--atomic` itself, before sending a pack.
    static let receivePackCapabilities = "report-status report-status-v2 side-band-64k quiet ofs-delta push-options "
        + "object-format=sha1 agent=\(agent)"

    /// The protocol v2 capability advertisement (gitprotocol-v2: no `# service` line, even over HTTP).
    static var version2Capabilities: [UInt8] {
        var out: [UInt8] = []
        for line in ["version 2", "agent=\(agent)", "ls-refs=unborn", "fetch=shallow", "server-option", "object-format=sha1"] {
            out += PktLine.encode(line: line)
        }
        return out + PktLine.flush
    }

    /// The smart-HTTP preamble of a v0 advertisement: `# service=<name>` and a flush (gitprotocol-http).
    static func serviceHeader(_ service: String) -> [UInt8] {
        PktLine.encode(line: "# service=\(service)") + PktLine.flush
    }

    /// The v0 upload-pack ref list: HEAD first, then every ref with its `^{}` peeled line, capabilities on the first.
    func uploadPackV0() -> [UInt8] {
        var lines: [(ObjectID, String)] = []
        if let headID { lines.append((headID, "HEAD")) }
        for ref in refs {
            lines.append((ref.id, ref.name))
            if let peeled = ref.peeled { lines.append((peeled, ref.name + "^{}")) }
        }
        return RefAdvertisement.encode(lines, capabilities: uploadPackCapabilities)
    }

    /// The v0 receive-pack ref list: no HEAD and no peeled lines (git's receive-pack sends neither).
    func receivePackV0() -> [UInt8] {
        RefAdvertisement.encode(refs.map { ($0.id, $0.name) }, capabilities: RefAdvertisement.receivePackCapabilities)
    }

    /// `<hex> <name>` lines, the first carrying `\0<capabilities>`, then a flush; an empty list becomes the
    /// `capabilities^{}` line with the zero id (gitprotocol-pack: "no-refs").
    private static func encode(_ lines: [(ObjectID, String)], capabilities: String) -> [UInt8] {
        let zero = String(repeating: "0", count: 2 * ObjectID.byteCount)
        let all = lines.isEmpty ? [(zero, "capabilities^{}")] : lines.map { ($0.0.description, $0.1) }
        var out: [UInt8] = []
        for (index, line) in all.enumerated() {
            var payload = Array("\(line.0) \(line.1)".utf8)
            if index == 0 { payload += [0] + Array(capabilities.utf8) }
            out += PktLine.encode(payload + [0x0a])
        }
        return out + PktLine.flush
    }
}
