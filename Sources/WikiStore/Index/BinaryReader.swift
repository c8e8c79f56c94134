/// Why a stored index file was refused; the caller rebuilds the index.
struct IndexFileError: Error, Equatable {
    let reason: String
}

/// A bounds-checked little-endian cursor over a stored index file, and the matching writers.
struct BinaryReader {
    let bytes: ArraySlice<UInt8>
    var offset: Int

    /// The next `count` bytes.
    mutating func take(_ count: Int) throws(IndexFileError) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.endIndex - offset >= count else { throw IndexFileError(reason: "truncated") }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    /// The next little-endian `UInt32`.
    mutating func u32() throws(IndexFileError) -> UInt32 {
        try take(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    /// The next string of `u32` length (at most `limit` bytes), which must be valid UTF-8.
    mutating func string(limit: Int) throws(IndexFileError) -> String {
        let length = Int(try u32())
        guard length <= limit, let text = String(validating: try take(length), as: UTF8.self) else {
            throw IndexFileError(reason: "bad string")
        }
        return text
    }

    /// Appends `value` little-endian.
    static func put(_ value: UInt32, into out: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// Appends a string as its `u32` UTF-8 length and bytes.
    static func put(_ text: String, into out: inout [UInt8]) {
        put(UInt32(text.utf8.count), into: &out)
        out += text.utf8
    }

    /// Appends the FNV-1a 64 checksum of everything in `out`.
    static func appendChecksum(to out: inout [UInt8]) {
        let checksum = fnv1a(out[...])
        for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: checksum >> UInt64(shift))) }
    }

    /// The body of a file that starts with `magic` and ends with a valid checksum, else an error.
    static func verifiedBody(_ bytes: [UInt8], magic: [UInt8]) throws(IndexFileError) -> ArraySlice<UInt8> {
        guard bytes.count >= magic.count + 8, bytes.starts(with: magic) else { throw IndexFileError(reason: "not an index file") }
        let body = bytes[..<(bytes.count - 8)]
        let stored = bytes[(bytes.count - 8)...].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard fnv1a(body) == stored else { throw IndexFileError(reason: "checksum mismatch") }
        return body
    }

    /// FNV-1a, 64 bits: catches truncation and torn or flipped bytes; not a defence against a forger, who
    /// could as well write a wrong index of their own (the repository directory is trusted).
    static func fnv1a(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}
