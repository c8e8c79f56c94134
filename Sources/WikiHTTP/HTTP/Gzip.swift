import CLinux

/// gzip request bodies (`Content-Encoding: gzip`, which git sends for large fetch negotiations), through zlib.
enum Gzip {
    /// Inflates one gzip member; a corrupt stream is a 400, more than `limit` inflated bytes a 413.
    static func inflate(_ input: [UInt8], limit: Int) throws(HTTPError) -> [UInt8] {
        var stream = z_stream()
        guard clinux_inflate_init_gzip(&stream) == Z_OK else { throw HTTPError(.internalServerError, "zlib failed to start.") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var status = Z_OK
        var input = input
        let consumed: Int = input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    status = CLinux.inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: buffer[0..<(buffer.count - Int(stream.avail_out))])
                }
            } while status == Z_OK && output.count <= limit && (stream.avail_in > 0 || stream.avail_out == 0)
            return source.count - Int(stream.avail_in)
        }
        guard output.count <= limit else {
            throw HTTPError(.contentTooLarge, "The inflated request body is larger than \(limit) bytes.")
        }
        // A truncated stream stops with Z_OK or Z_BUF_ERROR before Z_STREAM_END; trailing bytes are garbage.
        guard status == Z_STREAM_END, consumed == input.count else {
            throw .badRequest("The gzip request body is corrupt or truncated.")
        }
        return output
    }
}
