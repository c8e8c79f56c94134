extension Lexer {
    /// Marks the identifier at `position` as a keyword, literal or builtin when it is in that list
    /// (`lowercase` matches case-insensitively), or passes it as plain. A name right after `.` is a
    /// field or method (`os.open`, `x.len`), so it is never taken for a builtin.
    mutating func identifierToken(keywords: Set<[UInt8]>, literals: Set<[UInt8]> = [], builtins: Set<[UInt8]> = [],
                                  lowercase: Bool = false) {
        let stop = identifier(from: position)
        guard stop > position else { skip(); return }
        let member = byte(at: position - 1) == UInt8(ascii: ".")
        if let word = word(position..<stop, lowercase: lowercase) {
            if keywords.contains(word) { span(.keyword, to: stop); return }
            if literals.contains(word) { span(.literal, to: stop); return }
            if !member && builtins.contains(word) { span(.builtin, to: stop); return }
        }
        skip(stop - position)
    }
}
