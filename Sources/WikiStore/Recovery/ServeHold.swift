import Foundation

/// A process's hold on a repository: an open `<repo>/opswiki/serve.lock` locked with flock(2). Every
/// serving process holds it shared for its whole life; start-up recovery takes it exclusively first, so
/// it only deletes what a crash left behind when no other opswiki process is using the repository.
/// The kernel drops the lock when the process dies (even by SIGKILL), so a crash never leaves it held.
final class ServeHold: Sendable {
    /// The lock file, relative to the repository.
    static let file = "opswiki/serve.lock"

    private let descriptor: Int32

    /// Opens (creating) the lock file of the repository at `repositoryPath`, holding nothing yet.
    init(repositoryPath: String) throws {
        try FileManager.default.createDirectory(atPath: repositoryPath + "/opswiki", withIntermediateDirectories: true)
        let descriptor = open(repositoryPath + "/" + Self.file, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StoreError.invalidInput("cannot open \(repositoryPath)/\(Self.file): \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Takes the lock exclusively if nobody holds it; false when another process (or another hold) does.
    func tryExclusive() -> Bool {
        while true {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
            if errno != EINTR { return false }
        }
    }

    /// Holds the lock shared (downgrading an exclusive hold), waiting while another process recovers.
    func holdShared() {
        while flock(descriptor, LOCK_SH) != 0 && errno == EINTR {}
    }
}
