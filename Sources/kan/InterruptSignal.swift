import Foundation

/// Turns SIGINT (Ctrl-C) into a call of an ordinary Swift closure.
///
/// A signal handler may only do async-signal-safe work, so the handler writes one
/// byte to a pipe, and a watcher thread blocked on that pipe runs the action —
/// typically `Interpreter.interrupt()`, which makes the running program stop at its
/// next step with the error "interrupted". A second Ctrl-C before the first has
/// been handled ends the process with status 130 at once, for a program that does
/// not reach a step (a long native computation), where `forceExitOnSecond` is set:
/// batch runs set it; the REPL does not, to keep the session.
enum InterruptSignal {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var action: (@Sendable () -> Void)?
    nonisolated(unsafe) private static var pipeDescriptors: (readEnd: Int32, writeEnd: Int32) = (-1, -1)
    nonisolated(unsafe) private static var pending: Int32 = 0
    nonisolated(unsafe) private static var forceExit: Int32 = 0

    /// Installs the handler; `action` runs on the watcher thread for each Ctrl-C.
    static func install(forceExitOnSecond: Bool, _ action: @escaping @Sendable () -> Void) {
        // A parent may have started us with SIGINT blocked (threads of test runners
        // and some launchers block signals): unblock it, or Ctrl-C would never arrive.
        var interruptOnly = sigset_t()
        sigemptyset(&interruptOnly)
        sigaddset(&interruptOnly, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interruptOnly, nil)
        lock.lock()
        self.action = action
        lock.unlock()
        if pipeDescriptors.readEnd < 0 { startWatcher() }
        forceExit = forceExitOnSecond ? 1 : 0
        pending = 0
        var handler = sigaction()
        handler.__sigaction_handler.sa_handler = { _ in
            if InterruptSignal.pending != 0 && InterruptSignal.forceExit != 0 { _exit(130) }
            InterruptSignal.pending = 1
            var byte: UInt8 = 1
            _ = write(InterruptSignal.pipeDescriptors.writeEnd, &byte, 1)
        }
        sigemptyset(&handler.sa_mask)
        handler.sa_flags = SA_RESTART
        sigaction(SIGINT, &handler, nil)
    }

    /// Restores the default disposition (Ctrl-C ends the process).
    static func uninstall() {
        signal(SIGINT, SIG_DFL)
        lock.lock()
        action = nil
        lock.unlock()
    }

    private static func startWatcher() {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { return }
        _ = fcntl(descriptors[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(descriptors[1], F_SETFD, FD_CLOEXEC)
        pipeDescriptors = (descriptors[0], descriptors[1])
        let thread = Thread {
            var byte: UInt8 = 0
            while read(InterruptSignal.pipeDescriptors.readEnd, &byte, 1) >= 0 {
                lock.lock()
                let current = action
                lock.unlock()
                current?()
                if InterruptSignal.forceExit == 0 { InterruptSignal.pending = 0 }
            }
        }
        thread.name = "kan-interrupt-watcher"
        thread.start()
    }
}
