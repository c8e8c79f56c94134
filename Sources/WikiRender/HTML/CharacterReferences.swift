/// HTML character references (`&amp;`, `&#106;`, `&#x6A;`) as far as the sanitizer and the URL policy
/// need them: recognising a well-formed one, and decoding the ones that can spell a URL scheme.
enum CharacterReferences {
    /// Every HTML5 named reference whose value is ASCII (generated from the WHATWG entity table);
    /// every other named reference decodes to a non-ASCII character, which no URL scheme can contain.
    static let asciiNamed: [(name: [UInt8], value: [UInt8])] = ([
        ("AMP", "&"), ("DiacriticalGrave", "`"), ("GT", ">"), ("Hat", "^"), ("LT", "<"),
        ("NewLine", "\n"), ("QUOT", "\""), ("Tab", "\t"), ("UnderBar", "_"), ("VerticalLine", "|"),
        ("amp", "&"), ("apos", "'"), ("ast", "*"), ("bsol", "\\"), ("colon", ":"),
        ("comma", ","), ("commat", "@"), ("dollar", "$"), ("equals", "="), ("excl", "!"),
        ("fjlig", "fj"), ("grave", "`"), ("gt", ">"), ("lbrace", "{"), ("lbrack", "["),
        ("lcub", "{"), ("lowbar", "_"), ("lpar", "("), ("lsqb", "["), ("lt", "<"),
        ("midast", "*"), ("num", "#"), ("percnt", "%"), ("period", "."), ("plus", "+"),
        ("quest", "?"), ("quot", "\""), ("rbrace", "}"), ("rbrack", "]"), ("rcub", "}"),
        ("rpar", ")"), ("rsqb", "]"), ("semi", ";"), ("sol", "/"), ("verbar", "|"),
        ("vert", "|"),
    ] as [(String, String)]).map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// The byte that stands for any non-ASCII character in `decodeForScheme`'s output.
    static let nonASCII: UInt8 = 0xFF

    /// Decodes every reference in `input` more eagerly than a browser does (named and numeric, with or
    /// without `;`), appending ASCII as it is and any non-ASCII character as `nonASCII`.
    static func decodeForScheme(_ input: [UInt8], into out: inout [UInt8]) {
        var index = 0
        while index < input.count {
            let byte = input[index]
            guard byte == UInt8(ascii: "&") else {
                out.append(byte < 0x80 ? byte : nonASCII)
                index += 1
                continue
            }
            if let (value, length) = numeric(input, at: index) {
                out.append(value < 0x80 ? UInt8(value) : nonASCII)
                index += length
            } else if let (value, length) = asciiName(input, at: index) {
                out += value
                index += length
            } else {
                // An unknown name is either not a reference (a literal "&") or a non-ASCII character:
                // neither can belong to a scheme, and "&" is not a scheme character either.
                out.append(byte)
                index += 1
            }
        }
    }

    /// A numeric reference at `start` (`&#106`, `&#x6a`, `;` optional): its value (U+FFFD for NUL,
    /// surrogates and values past U+10FFFF, HTML §13.2.5.80) and its length in bytes.
    static func numeric(_ input: [UInt8], at start: Int) -> (UInt32, Int)? {
        var index = start + 1
        guard index < input.count, input[index] == UInt8(ascii: "#") else { return nil }
        index += 1
        let hex = index < input.count && (input[index] | 0x20) == UInt8(ascii: "x")
        if hex { index += 1 }
        var value: UInt32 = 0
        var digits = 0
        while index < input.count, let digit = digitValue(input[index], hex: hex) {
            value = min(value * (hex ? 16 : 10) + digit, 0x11_0000)  // saturate: no overflow on long runs
            digits += 1
            index += 1
        }
        guard digits > 0 else { return nil }
        if index < input.count && input[index] == UInt8(ascii: ";") { index += 1 }
        if value == 0 || value > 0x10_FFFF || (0xD800...0xDFFF).contains(value) { value = 0xFFFD }
        return (value, index - start)
    }

    /// The longest ASCII-valued named reference at `start` (`;` optional) and its length in bytes.
    static func asciiName(_ input: [UInt8], at start: Int) -> ([UInt8], Int)? {
        var best: ([UInt8], Int)?
        for entry in asciiNamed where start + 1 + entry.name.count <= input.count {
            let candidate = input[(start + 1)..<(start + 1 + entry.name.count)]
            guard candidate.elementsEqual(entry.name), entry.name.count + 1 > (best?.1 ?? 0) else { continue }
            var length = entry.name.count + 1
            if start + length < input.count && input[start + length] == UInt8(ascii: ";") { length += 1 }
            best = (entry.value, length)
        }
        return best
    }

    /// The length of a well-formed reference at `index` (`&name;`, `&#123;`, `&#x7b;`), or nil: such a
    /// reference can be copied to the output as it is, any other `&` must be escaped.
    static func wellFormedLength(_ input: ArraySlice<UInt8>, at index: Int) -> Int? {
        var cursor = index + 1
        var digits = 0
        if cursor < input.endIndex && input[cursor] == UInt8(ascii: "#") {
            cursor += 1
            let hex = cursor < input.endIndex && (input[cursor] | 0x20) == UInt8(ascii: "x")
            if hex { cursor += 1 }
            while cursor < input.endIndex, digitValue(input[cursor], hex: hex) != nil, digits < 8 {
                cursor += 1
                digits += 1
            }
        } else {
            // HTML5's longest entity name has 31 characters (CounterClockwiseContourIntegral).
            while cursor < input.endIndex, isAlphanumeric(input[cursor]), digits < 32 {
                if digits == 0 && !isAlpha(input[cursor]) { return nil }
                cursor += 1
                digits += 1
            }
        }
        guard digits > 0, cursor < input.endIndex, input[cursor] == UInt8(ascii: ";") else { return nil }
        return cursor + 1 - index
    }

    static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    static func isAlpha(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isAlpha(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
