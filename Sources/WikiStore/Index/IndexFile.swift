import Foundation

/// Reading and writing the derived index files under `<repo>/opswiki/`.
enum IndexFile {
    /// The bytes of `file`, or nil when it cannot be read (missing: the index is built).
    static func read(_ file: String) -> [UInt8]? {
        FileManager.default.contents(atPath: file).map { [UInt8]($0) }
    }

    /// Writes `bytes` to `file` atomically: a temporary file in the same folder, then a rename, so a reader
    /// (in this or another process) sees the old file or the new one, never half of one. No fsync: the file
    /// is derived data, and a torn write after a crash fails its checksum and is rebuilt.
    static func write(_ bytes: [UInt8], to file: String) throws {
        let folder = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = file + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        // Plain POSIX writes: Foundation's createFile would add an fsync and a second rename of its own.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw StoreError.invalidInput("cannot create \(temporary)") }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { break }
            written += result
        }
        close(descriptor)
        guard written == bytes.count, rename(temporary, file) == 0 else {
            unlink(temporary)
            throw StoreError.invalidInput("cannot write \(file)")
        }
    }
}
