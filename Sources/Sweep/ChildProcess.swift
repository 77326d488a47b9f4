import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A job's process: `kan` started with `posix_spawn` in a process group of its own, its
/// standard input /dev/null and its standard output and error in files.
///
/// A group of its own, so that Ctrl-C at the terminal reaches the sweep alone (which then
/// ends every job itself, and records none of them), and so that a timeout kills the job's
/// whole group. The environment gets `KAN_SWEEP_PARENT`, the sweep's pid: `kan` then asks
/// the kernel to kill it when its parent dies, so a sweep killed with SIGKILL leaves no job
/// running behind it (see `ParentDeathSignal`).
struct ChildProcess {
    let pid: pid_t
    let started: Date

    /// Starts `executable` with `arguments` in `directory`.
    init(executable: String, arguments: [String], directory: String, standardOutput: String,
         standardError: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard let changeDirectory = Self.addChangeDirectory else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey:
                "this C library has no posix_spawn_file_actions_addchdir_np (glibc 2.29 or later has it)"])
        }
        guard changeDirectory(&actions, directory) == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "cannot run a job in \(directory)"])
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        // The sweep may block or ignore signals (the test runner's threads, nohup); the job
        // starts with the defaults.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGXFSZ] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var environment = ProcessInfo.processInfo.environment
        environment["KAN_SWEEP_PARENT"] = String(getpid())
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey:
                "cannot start \(executable): \(String(cString: strerror(status)))"])
        }
        self.pid = pid
        started = Date()
    }

    private typealias AddChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>,
                                                           UnsafePointer<CChar>) -> Int32

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), looked up at run time: its
    /// declaration is hidden from Swift behind `_GNU_SOURCE`. A job runs in the manifest's
    /// folder without the sweep changing its own (shared by every thread).
    private static let addChangeDirectory: AddChangeDirectory? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChangeDirectory.self)
    }()

    /// How a process ended.
    enum Ending {
        case exited(Int32)
        case signalled(Int32)
    }

    /// The ending if the process has ended (reaping it), nil while it runs.
    func poll() -> Ending? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return nil }
        return Self.ending(status)
    }

    /// Kills the process's whole group and waits for the process to end.
    func kill() -> Ending {
        _ = Glibc.kill(-pid, SIGKILL)
        _ = Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return Self.ending(status)
    }

    private static func ending(_ status: Int32) -> Ending {
        let signal = status & 0x7f
        if signal == 0 { return .exited((status >> 8) & 0xff) }
        return .signalled(signal)
    }
}
