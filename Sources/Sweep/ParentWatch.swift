import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Ends a sweep's job when the sweep that started it is gone.
///
/// A sweep killed with SIGKILL cannot kill its jobs, and they run in process groups of their
/// own (so that Ctrl-C reaches the sweep alone); left running, they would spend the CPU a
/// rerun needs, for results nobody records. `ChildProcess` gives each job the sweep's pid in
/// `KAN_SWEEP_PARENT`; `kan` calls `start()` first thing, and a thread checks once a second
/// that its parent is still that process (an orphan is adopted by another), exiting if not.
/// (`prctl(PR_SET_PDEATHSIG)` would do it in the kernel, but is a variadic C function that
/// Swift cannot call.)
public enum ParentWatch {
    /// Starts the watch when `KAN_SWEEP_PARENT` is set; does nothing otherwise.
    public static func start() {
        guard let value = ProcessInfo.processInfo.environment["KAN_SWEEP_PARENT"], let parent = pid_t(value) else { return }
        guard getppid() == parent else { _exit(137) }
        let thread = Thread {
            while true {
                sleep(1)
                if getppid() != parent { _exit(137) }
            }
        }
        thread.name = "kan-parent-watch"
        thread.start()
    }
}
