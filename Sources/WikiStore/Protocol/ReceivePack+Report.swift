extension ReceivePack {
    /// Writes the status report (report-status or report-status-v2) and the user messages. With side-band-64k
    /// the report's own pkt-lines travel inside band-1 packets and messages go on band 2, then a flush
    /// (gitprotocol-pack, "Report Status"; git-on-libgit2.md §3.1).
    func writeReport(_ request: ReceivePackRequest, unpack failure: String?, verdicts: [Verdict], messages: [String],
                     write: ([UInt8]) throws -> Void) throws {
        let version2 = request.capabilities.contains("report-status-v2")
        let wantsReport = version2 || request.capabilities.contains("report-status")
        let multiplexed = request.capabilities.contains("side-band-64k")
        var report: [UInt8] = []
        if wantsReport {
            report += PktLine.encode(line: failure.map { "unpack \($0)" } ?? "unpack ok")
            for (command, verdict) in zip(request.commands, verdicts) {
                report += ReceivePack.statusLines(command, verdict, version2: version2)
            }
            report += PktLine.flush
        }
        guard multiplexed else { return try write(report) }
        try withoutActuallyEscaping(write) { write in
            var output = SideBandWriter(multiplexed: true, showsProgress: true, write: write)
            for message in messages { try output.message(message + "\n", on: .progress) }
            try output.data(report)
            try output.finish()
        }
    }

    /// `ok <ref>` (with v2's `option` lines when the push landed on another ref) or `ng <ref> <reason>`.
    static func statusLines(_ command: ReceivePackRequest.Command, _ verdict: Verdict, version2: Bool) -> [UInt8] {
        switch verdict {
        case .refused(let reason):
            return PktLine.encode(line: "ng \(command.ref) \(reason)")
        case .updated(let update):
            var out = PktLine.encode(line: "ok \(command.ref)")
            if version2, update.ref != command.ref {
                let zero = String(repeating: "0", count: 2 * ObjectID.byteCount)
                out += PktLine.encode(line: "option refname \(update.ref)")
                out += PktLine.encode(line: "option old-oid \(update.old?.description ?? zero)")
                out += PktLine.encode(line: "option new-oid \(update.new)")
            }
            return out
        case .updateMain, .propose:
            preconditionFailure("a verdict reported before it was applied")
        }
    }
}
