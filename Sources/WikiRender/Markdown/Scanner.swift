/// Byte classes and the small line scanners cmark generates with re2c, written by hand over bytes.
enum Scanner {
    static let newline: UInt8 = 10, space: UInt8 = 32, tab: UInt8 = 9

    // Bit 0: ASCII punctuation (CommonMark 0.31.2 §2.1); bit 1: whitespace (space, \t, \n, \v, \f, \r);
    // bit 2: letter; bit 3: digit; bit 4: inline-special for the plain-text fast path.
    private static let classes: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for byte in Array("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".utf8) { table[Int(byte)] |= 1 }
        for byte: UInt8 in [9, 10, 11, 12, 13, 32] { table[Int(byte)] |= 2 }
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] |= 4 }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] |= 4 }
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] |= 8 }
        return table
    }()

    @inline(__always) static func isPunctuation(_ c: UInt8) -> Bool { classes[Int(c)] & 1 != 0 }
    @inline(__always) static func isWhitespace(_ c: UInt8) -> Bool { classes[Int(c)] & 2 != 0 }
    @inline(__always) static func isAlpha(_ c: UInt8) -> Bool { classes[Int(c)] & 4 != 0 }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { classes[Int(c)] & 8 != 0 }
    @inline(__always) static func isAlphanumeric(_ c: UInt8) -> Bool { classes[Int(c)] & 12 != 0 }
    @inline(__always) static func isSpaceOrTab(_ c: UInt8) -> Bool { c == 32 || c == 9 }
    @inline(__always) static func isLineEnd(_ c: UInt8) -> Bool { c == 10 || c == 13 }
    @inline(__always) static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "f"))
    }
    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c | 0x20 : c }

    /// Whether `line[at...]` starts with `word`, ASCII case-insensitively (`word` is lowercase).
    static func hasPrefix(_ line: [UInt8], at index: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= line.count else { return false }
        return word.withUTF8Buffer { w in
            for k in 0..<count where lower(line[index + k]) != w[k] { return false }
            return true
        }
    }

    /// Finds `needle` (lowercase ASCII) in `line[from...]`, case-insensitively.
    static func contains(_ line: [UInt8], from: Int, _ needle: StaticString, caseInsensitive: Bool) -> Bool {
        let count = needle.utf8CodeUnitCount
        return needle.withUTF8Buffer { w in
            var i = from
            while i + count <= line.count {
                if line[i] == w[0] || (caseInsensitive && lower(line[i]) == w[0]) {
                    var k = 1
                    while k < count && (caseInsensitive ? lower(line[i + k]) : line[i + k]) == w[k] { k += 1 }
                    if k == count { return true }
                }
                i += 1
            }
            return false
        }
    }

    // MARK: Block starts (CommonMark 0.31.2 §4)

    /// `#{1,6}` then a space, tab or line end: returns the length including following spaces, or 0.
    static func atxHeadingStart(_ line: [UInt8], _ pos: Int) -> (length: Int, level: Int) {
        var i = pos
        while i < line.count && line[i] == UInt8(ascii: "#") && i - pos < 7 { i += 1 }
        let level = i - pos
        guard level >= 1 && level <= 6, i < line.count else { return (0, 0) }
        if line[i] == newline { return (level, level) }
        guard isSpaceOrTab(line[i]) else { return (0, 0) }
        while i < line.count && isSpaceOrTab(line[i]) { i += 1 }
        return (i - pos, level)
    }

    /// An opening code fence (§4.5): the fence length, or 0.
    static func openCodeFence(_ line: [UInt8], _ pos: Int) -> Int {
        let fence = line[pos]
        guard fence == UInt8(ascii: "`") || fence == UInt8(ascii: "~") else { return 0 }
        var i = pos
        while line[i] == fence { i += 1 }
        let length = i - pos
        guard length >= 3 else { return 0 }
        if fence == UInt8(ascii: "`") {
            // The info string of a backtick fence may not contain backticks.
            while line[i] != newline { if line[i] == fence { return 0 }; i += 1 }
        }
        return length
    }

    /// A closing code fence: the fence length when the line is only fence characters and spaces, or 0.
    static func closeCodeFence(_ line: [UInt8], _ pos: Int) -> Int {
        let fence = line[pos]
        var i = pos
        while line[i] == fence { i += 1 }
        let length = i - pos
        guard length >= 3 else { return 0 }
        while isSpaceOrTab(line[i]) { i += 1 }
        return line[i] == newline ? length : 0
    }

    /// A setext underline (§4.3): 1 for `=`, 2 for `-`, 0 otherwise.
    static func setextUnderline(_ line: [UInt8], _ pos: Int) -> Int {
        let c = line[pos]
        guard c == UInt8(ascii: "=") || c == UInt8(ascii: "-") else { return 0 }
        var i = pos
        while line[i] == c { i += 1 }
        while isSpaceOrTab(line[i]) { i += 1 }
        guard line[i] == newline else { return 0 }
        return c == UInt8(ascii: "=") ? 1 : 2
    }

    /// A thematic break (§4.1): returns the line length matched, or 0; `failAt` gets where a scan failed.
    static func thematicBreak(_ line: [UInt8], _ pos: Int, failAt: inout Int) -> Int {
        let c = line[pos]
        guard c == UInt8(ascii: "*") || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") else { failAt = pos; return 0 }
        var count = 0
        var i = pos
        while true {
            let b = line[i]
            if b == c { count += 1 } else if !isSpaceOrTab(b) { break }
            i += 1
        }
        if count >= 3 && line[i] == newline { return i - pos }
        failAt = i
        return 0
    }
}
