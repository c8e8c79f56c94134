/// A path pattern such as `/wiki/{page...}`, `/commit/{rev}.patch`, `/files/**` or `/proposals/{id}/merge`.
public struct RoutePattern: Sendable, Equatable, CustomStringConvertible {
    /// One `/`-separated piece of a pattern.
    enum Segment: Sendable, Equatable {
        /// Matches exactly this text.
        case literal(String)
        /// `{name}` or `{name}.suffix`: one non-empty segment, with an optional literal suffix.
        case parameter(String, suffix: String)
        /// `{name...}` or `**` (named `**`): one or more remaining segments, joined with `/`.
        case catchAll(String)
    }

    let segments: [Segment]
    public let description: String

    /// Parses a pattern; nil when it is malformed (no leading `/`, an unclosed brace, or a catch-all not last).
    public init?(_ text: String) {
        guard text.hasPrefix("/") else { return nil }
        var segments: [Segment] = []
        let pieces = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (index, piece) in pieces.enumerated() {
            let isLast = index == pieces.count - 1
            if piece == "**" {
                guard isLast else { return nil }
                segments.append(.catchAll("**"))
            } else if piece.hasPrefix("{") {
                guard let close = piece.firstIndex(of: "}") else { return nil }
                let inside = piece[piece.index(after: piece.startIndex)..<close]
                let suffix = String(piece[piece.index(after: close)...])
                if inside.hasSuffix("...") {
                    guard isLast, suffix.isEmpty, inside.count > 3 else { return nil }
                    segments.append(.catchAll(String(inside.dropLast(3))))
                } else {
                    guard !inside.isEmpty, !suffix.contains("{") else { return nil }
                    segments.append(.parameter(String(inside), suffix: suffix))
                }
            } else {
                guard !piece.contains("{"), !piece.contains("}") else { return nil }
                segments.append(.literal(String(piece)))
            }
        }
        self.segments = segments
        self.description = text
    }

    /// The parameters when `path` (decoded segments) matches, else nil.
    func match(_ path: [String]) -> [String: String]? {
        var parameters: [String: String] = [:]
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .literal(let text):
                guard index < path.count, path[index] == text else { return nil }
            case .parameter(let name, let suffix):
                guard index < path.count else { return nil }
                let value = path[index]
                guard value.count > suffix.count, value.hasSuffix(suffix) else { return nil }
                parameters[name] = String(value.dropLast(suffix.count))
            case .catchAll(let name):
                guard index < path.count else { return nil }
                let rest = path[index...].joined(separator: "/")
                guard !rest.isEmpty else { return nil }
                parameters[name] = rest
                return parameters
            }
        }
        return path.count == segments.count ? parameters : nil
    }

    /// Ordering key: at the first differing segment, a literal beats a suffixed parameter, which beats a
    /// plain parameter, which beats a catch-all (Hummingbird's trie order, as a sort key).
    var specificity: [Int] {
        segments.map { segment in
            switch segment {
            case .literal: 0
            case .parameter(_, let suffix): suffix.isEmpty ? 2 : 1
            case .catchAll: 3
            }
        }
    }
}
