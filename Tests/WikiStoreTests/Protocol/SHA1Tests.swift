import Foundation
import Testing
@testable import WikiStore

/// The hand-written SHA-1 against coreutils' `sha1sum`, across block and padding boundaries.
@Suite("SHA-1")
struct SHA1Tests {
    @Test("Digests equal sha1sum's, fed whole or in odd pieces", arguments: [0, 1, 55, 56, 63, 64, 65, 119, 1000, 200_003])
    func matchesSha1sum(length: Int) throws {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sha1-\(UUID().uuidString)")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha1sum", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let expected = String(output.prefix(40))
        var whole = SHA1()
        whole.update(bytes)
        #expect(whole.finish().map { String(format: "%02x", $0) }.joined() == expected)
        var pieces = SHA1()
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + 1 + start % 97)
            pieces.update(Array(bytes[start..<end]))
            start = end
        }
        #expect(pieces.finish().map { String(format: "%02x", $0) }.joined() == expected)
    }
}
