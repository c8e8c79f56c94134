import Foundation

/// The Markdown input of the benchmark: the shared corpus when present, else one generated here.
struct Corpus {
    /// Where the shared corpus lives, relative to the repository root (the current directory).
    static let sharedPath = "../shared/bench/markdown-corpus.md"

    var path: String
    var description: String
    var byteCount: Int

    /// `explicit` when given, else the shared corpus, else a generated ~5 MB file in the temp directory.
    static func locate(_ explicit: String?) throws -> Corpus {
        let manager = FileManager.default
        if let path = explicit ?? (manager.fileExists(atPath: sharedPath) ? sharedPath : nil) {
            guard manager.isReadableFile(atPath: path) else { throw CorpusError(path: path) }
            let size = (try manager.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            return Corpus(path: path, description: path, byteCount: size)
        }
        let bytes = CorpusGenerator.generate(byteCount: 5_000_000)
        let path = manager.temporaryDirectory.appendingPathComponent("opswiki-bench-corpus.md").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return Corpus(path: path, description: "\(sharedPath) not found; generated a deterministic corpus at \(path)",
                      byteCount: bytes.count)
    }
}

/// The corpus named on the command line cannot be read.
struct CorpusError: Error, CustomStringConvertible {
    var path: String
    var description: String { "cannot read the Markdown corpus \(path)" }
}
