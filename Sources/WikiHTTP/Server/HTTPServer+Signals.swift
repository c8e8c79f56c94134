import CLinux
import Foundation
import Glibc
import Synchronization

extension HTTPServer {
    /// Ignores SIGPIPE and makes the first SIGINT or SIGTERM call `shutdown()` (the handler only
    /// writes an eventfd; a watcher thread does the rest). Call once, from the CLI.
    public func installSignalHandlers() throws {
        signal(SIGPIPE, SIG_IGN)
        let descriptor = try systemCall("eventfd") { eventfd(0, Int32(EFD_CLOEXEC)) }
        SignalRelay.descriptor.store(descriptor, ordering: .sequentiallyConsistent)
        var action = sigaction()
        // write(2) is async-signal-safe (signal-safety(7)); nothing else happens in the handler.
        action.__sigaction_handler.sa_handler = { _ in SignalRelay.fire() }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
        let thread = Thread { [self] in
            var value: UInt64 = 0
            while Glibc.read(descriptor, &value, 8) < 0 && errno == EINTR {}
            self.shutdown()
        }
        thread.name = "http-signals"
        thread.start()
    }
}

/// The eventfd the signal handler writes; a global because a C signal handler cannot capture context.
enum SignalRelay {
    static let descriptor = Atomic<Int32>(-1)

    static func fire() {
        var one: UInt64 = 1
        _ = write(descriptor.load(ordering: .relaxed), &one, 8)
    }
}
