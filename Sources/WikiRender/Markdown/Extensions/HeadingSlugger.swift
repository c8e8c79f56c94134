/// GitHub's heading anchors: lowercased, punctuation removed, spaces to `-`, duplicates numbered.
///
/// The rules are github-slugger's (the JavaScript port of GitHub's `TableOfContentsFilter`): lowercase
/// the text, keep letters, marks, numbers, connector punctuation (`_`), `-` and spaces, turn each space
/// into `-`, and number repeats `-1`, `-2`, … in document order, skipping any id already taken.
public struct HeadingSlugger: Sendable {
    /// The id used when a heading has no character that survives (e.g. only emoji or punctuation).
    public static let fallback = "section"
    /// Longest slug kept, in Unicode scalars; a pathological heading cannot make a huge id.
    public static let maxLength = 256

    /// How many times each base slug has been handed out.
    private var occurrences: [String: Int] = [:]

    /// A slugger that has seen no headings yet.
    public init() {}

    /// The unique id for a heading whose plain text is `text`.
    public mutating func slug(for text: String) -> String {
        var base = Self.baseSlug(for: text)
        if base.isEmpty { base = Self.fallback }
        var candidate = base
        // github-slugger: bump the counter of the base slug until the id is free, so "a", "a", "a-1"
        // gives "a", "a-1", "a-1-1" and never repeats an id.
        while occurrences[candidate] != nil {
            let count = (occurrences[base] ?? 0) + 1
            occurrences[base] = count
            candidate = "\(base)-\(count)"
        }
        occurrences[candidate] = 0
        return candidate
    }

    /// The slug of `text` before deduplication (may be empty).
    public static func baseSlug(for text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var kept = 0
        for scalar in text.lowercased().unicodeScalars where kept < maxLength {
            if scalar == " " {
                scalars.append("-")
            } else if scalar == "-" || isWordCharacter(scalar) {
                scalars.append(scalar)
            } else {
                continue
            }
            kept += 1
        }
        return String(scalars)
    }

    /// Letters, marks, numbers and connector punctuation: Ruby's `\p{Word}`, which GitHub uses.
    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation:
            return true
        default:
            return false
        }
    }
}
