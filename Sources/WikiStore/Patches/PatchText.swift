/// A unified git diff cut into files and hunks, so a patch that does not apply can be retried piece by
/// piece to name the file and hunk at fault (libgit2's message names neither).
struct PatchText {
    /// One `diff --git` section.
    struct File {
        /// The lines before the first hunk (`diff --git`, `index`, `---`, `+++`, rename and mode lines, binary data).
        var header: [UInt8] = []
        /// Each hunk's text, its `@@` line included.
        var hunks: [[UInt8]] = []

        /// The `@@ -a,b +c,d @@` part of hunk `index`'s first line (without the section heading after it).
        func hunkHeader(_ index: Int) -> String {
            let line = hunks[index].prefix { $0 != UInt8(ascii: "\n") }
            let text = String(decoding: line, as: UTF8.self)
            guard let close = text.dropFirst(2).range(of: "@@") else { return text }
            return String(text[..<close.upperBound])
        }

        /// The header and the first `count` hunks, as diff text.
        func text(hunks count: Int) -> [UInt8] {
            hunks.prefix(count).reduce(header, +)
        }
    }

    /// The file sections, in order.
    var files: [File]

    /// The diff text again, from the sections.
    var bytes: [UInt8] { files.flatMap { $0.text(hunks: $0.hunks.count) } }

    /// Cuts `diff` at each `diff --git` line and, inside a section, at each `@@ -` line. Hunk lines start
    /// with " ", "+", "-" or "\", so neither marker can occur inside a hunk.
    init(_ diff: [UInt8]) {
        var files: [File] = []
        for line in Mbox.lines(of: diff) {
            let bytes = Array(line) + [UInt8(ascii: "\n")]
            if line.starts(with: "diff --git ".utf8) || files.isEmpty {
                files.append(File())
            }
            if line.starts(with: "@@ -".utf8) {
                files[files.count - 1].hunks.append(bytes)
            } else if files[files.count - 1].hunks.isEmpty {
                files[files.count - 1].header += bytes
            } else {
                files[files.count - 1].hunks[files[files.count - 1].hunks.count - 1] += bytes
            }
        }
        self.files = files
    }
}
