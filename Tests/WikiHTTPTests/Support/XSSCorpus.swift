import Foundation

/// The payloads of `Tests/Fixtures/xss-payloads.txt`, escapes decoded.
enum XSSCorpus {
    static let payloads: [String] = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/xss-payloads.txt")
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: true)
            .filter { !$0.hasPrefix("# ") }
            .map { line in
                var payload = String(line)
                for (token, value) in [("{NL}", "\n"), ("{TAB}", "\t"), ("{CR}", "\r"), ("{NUL}", "\u{0}"), ("{SOH}", "\u{1}"), ("{FF}", "\u{C}")] {
                    payload = payload.replacingOccurrences(of: token, with: value)
                }
                return payload
            }
    }()
}
