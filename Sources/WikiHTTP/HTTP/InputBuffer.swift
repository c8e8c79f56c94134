/// Bytes received but not yet consumed: an array plus a reader index (NIO's ByteBuffer, much smaller).
public struct InputBuffer: Sendable {
    private(set) var bytes: [UInt8]
    private(set) var readerIndex = 0

    /// A buffer holding `bytes`, none read yet.
    public init(_ bytes: [UInt8] = []) { self.bytes = bytes }

    /// The number of bytes not yet read.
    public var readableCount: Int { bytes.count - readerIndex }

    /// Appends received bytes, first dropping consumed ones when they are most of the storage.
    public mutating func append(_ new: some Collection<UInt8>) {
        if readerIndex > 0 && readerIndex >= bytes.count / 2 {
            bytes.removeSubrange(0..<readerIndex)
            readerIndex = 0
        }
        bytes.append(contentsOf: new)
    }

    /// The index of the first `byte` at or after the reader index plus `skipping`, or nil.
    func firstIndex(of byte: UInt8, skipping: Int = 0) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var index = readerIndex + skipping
            while index < buffer.count {
                if buffer[index] == byte { return index }
                index += 1
            }
            return nil
        }
    }

    /// The byte `offset` bytes past the reader index, without consuming it.
    func getByte(at offset: Int) -> UInt8? {
        readerIndex + offset < bytes.count ? bytes[readerIndex + offset] : nil
    }

    /// Consumes and returns the bytes up to (not including) `end`, an absolute index.
    mutating func readBytes(upTo end: Int) -> ArraySlice<UInt8> {
        precondition(end >= readerIndex && end <= bytes.count)
        defer { readerIndex = end }
        return bytes[readerIndex..<end]
    }

    /// Consumes `count` bytes.
    mutating func moveReaderIndex(forwardBy count: Int) {
        precondition(count <= readableCount)
        readerIndex += count
    }
}
