/// A 20-byte git object id (SHA-1), printed as 40 hex digits.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
    /// The raw id; always 20 bytes.
    public let bytes: [UInt8]

    /// The number of bytes in an id.
    public static let byteCount = 20

    /// Wraps 20 raw bytes; returns nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == ObjectID.byteCount else { return nil }
        self.bytes = bytes
    }

    /// Parses 40 hex digits (either case); returns nil for anything else.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 2 * ObjectID.byteCount else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ObjectID.byteCount)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = ObjectID.nibble(digits[index]), let low = ObjectID.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.bytes = bytes
    }

    /// The 40 lowercase hex digits.
    public var description: String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(2 * bytes.count)
        for byte in bytes {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value of one hex digit, or nil.
    static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
