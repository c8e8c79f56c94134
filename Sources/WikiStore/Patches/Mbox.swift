/// Reading `git format-patch` output: one or many patches, `--stdout` or files concatenated.
public enum Mbox {
    /// The largest mbox accepted, in bytes.
    public static let maximumBytes = 10 << 20
    /// The most patches one mbox may hold.
    public static let maximumPatches = 500

    /// Splits and parses an mbox of one or many patches. Limits: 10 MiB input, 500 patches.
    /// Throws StoreError.invalidInput("…clear reason…") for anything that is not a format-patch mbox.
    public static func parse(_ bytes: [UInt8]) throws -> [PatchEmail] {
        guard bytes.count <= maximumBytes else {
            throw StoreError.invalidInput("The mbox is larger than \(maximumBytes >> 20) MiB.")
        }
        let messages = try split(lines(of: bytes))
        return try messages.enumerated().map { number, message in
            do {
                return try MailMessage(message).patch()
            } catch StoreError.invalidInput(let reason) {
                throw StoreError.invalidInput(messages.count == 1 ? "The patch is not usable: \(reason)."
                                              : "Patch \(number + 1) of \(messages.count) is not usable: \(reason).")
            }
        }
    }

    /// The lines of `bytes` without their line ends. A "\r" before "\n" is dropped, as `git am`
    /// (mailsplit without --keep-cr) does, so mail that went through CRLF transports reads the same.
    static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            let end = index > start && bytes[index - 1] == UInt8(ascii: "\r") ? index - 1 : index
            lines.append(bytes[start..<end])
            start = index + 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    /// The messages of the mbox, each without its `From ` separator line.
    ///
    /// Messages start at `From ` lines that end in a time and a year, as git mailsplit's `is_from_line`
    /// decides (format-patch writes `From <40 hex> Mon Sep 17 00:00:00 2001`), so a body line such as
    /// "From the start" never splits a message. The first message may also start with any `From ` line, or
    /// directly with mail headers (one patch file without separator).
    static func split(_ lines: [ArraySlice<UInt8>]) throws -> [ArraySlice<ArraySlice<UInt8>>] {
        guard let first = lines.firstIndex(where: { !$0.isEmpty }) else {
            throw StoreError.invalidInput("The mbox is empty.")
        }
        var starts: [Int] = []
        if lines[first].starts(with: "From ".utf8) {
            starts.append(first + 1)
        } else if MailMessage.headerName(lines[first]) != nil {
            starts.append(first)
        } else {
            throw StoreError.invalidInput("This is not an mbox from git format-patch: it should start with a \"From \" line.")
        }
        for index in (first + 1)..<lines.count where isFromLine(lines[index]) {
            starts.append(index + 1)
            guard starts.count <= maximumPatches else {
                throw StoreError.invalidInput("The mbox holds more than \(maximumPatches) patches.")
            }
        }
        return starts.indices.map { number in
            let end = number + 1 < starts.count ? starts[number + 1] - 1 : lines.count
            return lines[starts[number]..<end]
        }
    }

    /// git mailsplit's `is_from_line`: "From ", at least 20 bytes, and ending in `h:mm:ss <year after 90>`
    /// (the last colon has digits two before and after it and a digit four before it).
    static func isFromLine(_ line: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(line)
        guard bytes.count >= 19, line.starts(with: "From ".utf8) else { return false }
        // git searches backwards from before the last character for the last colon.
        guard let colon = bytes[5..<(bytes.count - 1)].lastIndex(of: UInt8(ascii: ":")), colon >= 5,
              colon + 2 < bytes.count else { return false }
        let isDigit = { (index: Int) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) }
        guard isDigit(colon - 4), isDigit(colon - 2), isDigit(colon - 1), isDigit(colon + 1), isDigit(colon + 2) else { return false }
        let year = bytes[(colon + 3)...].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            .prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.prefix(9)
        return (Int(String(decoding: year, as: UTF8.self)) ?? 0) > 90
    }
}
