#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGINT (Ctrl-C) and SIGTERM (what Slurm sends at a task's time limit or on
/// `scancel`) into a flag that the runner polls between ticks.
///
/// The handler only stores to a flag (async-signal-safe). A second signal before the runner
/// has stopped ends the sweep at once with status 130: its jobs die with it (they watch
/// their parent, see `ParentWatch`), and it has recorded only finished jobs.
public enum StopSignal {
    nonisolated(unsafe) private static var received: sig_atomic_t = 0

    /// Installs the handlers for SIGINT and SIGTERM, and unblocks both.
    public static func install() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        var handler = sigaction()
        handler.__sigaction_handler.sa_handler = { signal in
            if StopSignal.received != 0 { _exit(130) }
            StopSignal.received = signal
        }
        sigemptyset(&handler.sa_mask)
        handler.sa_flags = SA_RESTART
        sigaction(SIGINT, &handler, nil)
        sigaction(SIGTERM, &handler, nil)
    }

    /// The signal received (SIGINT or SIGTERM), or nil.
    public static var signal: Int32? { received == 0 ? nil : received }
}
