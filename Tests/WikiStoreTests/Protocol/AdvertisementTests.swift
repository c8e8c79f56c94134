import Testing
@testable import WikiStore

@Suite("Ref advertisements")
struct AdvertisementTests {
    private static let uploadCapabilities = "multi_ack_detailed no-done side-band-64k ofs-delta shallow include-tag no-progress "
        + "allow-tip-sha1-in-want allow-reachable-sha1-in-want"

    @Test("v0 upload-pack over HTTP: service header, HEAD first with capabilities, refs sorted, tags peeled")
    func uploadPackVersion0() throws {
        try withWiki(pages: ["Home": "hi\n"]) { wiki in
            try wiki.git("tag", "-a", "v1", "-m", "one", "main")
            try wiki.git("update-ref", "refs/heads/archive", "main")
            let main = try wiki.tip().description
            let tag = try wiki.git("rev-parse", "v1").trimmingCharacters(in: .whitespacesAndNewlines)
            let bytes = try wiki.wiki.uploadPackAdvertisement(protocolVersion: 0, forHTTP: true)
            let capabilities = Self.uploadCapabilities + " symref=HEAD:refs/heads/main object-format=sha1 agent=opswiki/0.1.0"
            var expected = PktLine.encode(line: "# service=git-upload-pack") + PktLine.flush
            expected += PktLine.encode(Array("\(main) HEAD".utf8) + [0] + Array(capabilities.utf8) + [0x0a])
            expected += PktLine.encode(line: "\(main) refs/heads/archive") + PktLine.encode(line: "\(main) refs/heads/main")
            expected += PktLine.encode(line: "\(tag) refs/tags/v1") + PktLine.encode(line: "\(main) refs/tags/v1^{}") + PktLine.flush
            #expect(bytes == expected)
        }
    }

    @Test("An empty repository advertises the capabilities^{} line without a symref")
    func emptyRepository() throws {
        try withWiki { wiki in
            let bytes = try wiki.wiki.uploadPackAdvertisement(protocolVersion: 0, forHTTP: false)
            let capabilities = Self.uploadCapabilities + " object-format=sha1 agent=opswiki/0.1.0"
            let zero = String(repeating: "0", count: 40)
            #expect(bytes == PktLine.encode(Array("\(zero) capabilities^{}".utf8) + [0] + Array(capabilities.utf8) + [0x0a]) + PktLine.flush)
        }
    }

    @Test("v2 advertises its capabilities only, without the service header even over HTTP")
    func version2() throws {
        try withWiki(pages: ["Home": "hi\n"]) { wiki in
            let bytes = try wiki.wiki.uploadPackAdvertisement(protocolVersion: 2, forHTTP: true)
            let lines = try ProtocolFixtures.packets(bytes).map { $0.line ?? "0000" }
            #expect(lines == ["version 2", "agent=opswiki/0.1.0", "ls-refs=unborn", "fetch=shallow", "server-option",
                              "object-format=sha1", "0000"])
        }
    }

    @Test("receive-pack lists refs without HEAD or peeled lines and offers report-status-v2 and push-options")
    func receivePack() throws {
        try withWiki(pages: ["Home": "hi\n"]) { wiki in
            try wiki.git("tag", "-a", "v1", "-m", "one", "main")
            let packets = try ProtocolFixtures.packets(try wiki.wiki.receivePackAdvertisement(forHTTP: true))
            #expect(packets.first?.line == "# service=git-receive-pack")
            guard case .data(let first) = packets[2], let nul = first.firstIndex(of: 0) else { Issue.record("no capabilities"); return }
            #expect(String(decoding: first[..<nul], as: UTF8.self) == "\(try wiki.tip()) refs/heads/main")
            #expect(String(decoding: first[(nul + 1)...], as: UTF8.self) == "report-status report-status-v2 side-band-64k quiet "
                    + "ofs-delta push-options object-format=sha1 agent=opswiki/0.1.0\n")
            #expect(packets[3].line?.hasSuffix(" refs/tags/v1") == true)
            #expect(packets.count == 5)
        }
    }

    @Test("ls-refs filters by prefix, adds symref targets, peeled tags and an unborn HEAD")
    func listRefs() throws {
        try withWiki(pages: ["Home": "hi\n"]) { wiki in
            try wiki.git("tag", "-a", "v1", "-m", "one", "main")
            let main = try wiki.tip().description
            let tag = try wiki.git("rev-parse", "v1").trimmingCharacters(in: .whitespacesAndNewlines)
            let body = ProtocolFixtures.line("command=ls-refs") + PktLine.delimiter + ["symrefs", "peel", "ref-prefix HEAD", "ref-prefix refs/tags/"]
                .flatMap(ProtocolFixtures.line) + PktLine.flush
            var out: [UInt8] = []
            try wiki.wiki.uploadPack(request: body, protocolVersion: 2) { out += $0 }
            #expect(try ProtocolFixtures.packets(out).map { $0.line ?? "0000" }
                    == ["\(main) HEAD symref-target:refs/heads/main", "\(tag) refs/tags/v1 peeled:\(main)", "0000"])
        }
        try withWiki { wiki in
            let body = ProtocolFixtures.line("command=ls-refs") + PktLine.delimiter + ["symrefs", "unborn"].flatMap(ProtocolFixtures.line) + PktLine.flush
            var out: [UInt8] = []
            try wiki.wiki.uploadPack(request: body, protocolVersion: 2) { out += $0 }
            #expect(try ProtocolFixtures.packets(out).map { $0.line ?? "0000" } == ["unborn HEAD symref-target:refs/heads/main", "0000"])
        }
    }
}
