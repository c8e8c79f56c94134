import Foundation

/// The few character sets that mail from git carries, converted to UTF-8.
enum Charset {
    /// The UTF-8 bytes of `bytes` read in `charset`; throws for a charset this reader does not know.
    static func utf8(_ bytes: [UInt8], charset: String) throws -> [UInt8] {
        switch charset.lowercased() {
        case "", "utf-8", "utf8", "us-ascii", "ascii":
            return bytes
        case "iso-8859-1", "latin1", "iso8859-1":
            // ISO 8859-1 maps each byte to the code point of the same value.
            return Array(String(String.UnicodeScalarView(bytes.map { UnicodeScalar($0) })).utf8)
        case "windows-1252", "cp1252":
            guard let text = String(bytes: bytes, encoding: .windowsCP1252) else {
                throw StoreError.invalidInput("the text is not valid windows-1252")
            }
            return Array(text.utf8)
        default:
            throw StoreError.invalidInput("the character set \"\(charset)\" is not supported (use UTF-8)")
        }
    }
}
