import Foundation

/// Runs `kan` on a pseudo-terminal, as a person at a terminal would: the child
/// starts a new session with the terminal as its controlling terminal, so isatty is
/// true, readline edits lines, and Ctrl-C typed into the terminal reaches it as SIGINT.
final class PseudoTerminal {
    enum Failure: Error { case openFailed(String), spawnFailed(Int32) }

    private let master: Int32
    let processID: pid_t
    private(set) var transcript = ""

    init(executable: String, arguments: [String], environment: [String: String]) throws {
        // posix_openpt and friends are hidden from Swift's Glibc module; these are
        // the Linux ioctls they wrap (TIOCSPTLCK unlocks, TIOCGPTN names the slave).
        let unlockRequest: UInt = 0x4004_5431, numberRequest: UInt = 0x8004_5430
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, unlockRequest, &unlock) == 0, ioctl(master, numberRequest, &number) == 0 else {
            throw Failure.openFailed("/dev/ptmx")
        }
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opening the terminal after setsid makes it the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        posix_spawn_file_actions_addclose(&actions, master)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session (POSIX_SPAWN_SETSID, glibc ≥ 2.26), an empty signal mask
        // (POSIX_SPAWN_SETSIGMASK: the test runner's threads block signals) and
        // default dispositions (POSIX_SPAWN_SETSIGDEF), as a login shell would give.
        let startNewSession: Int16 = 0x80, setSignalMask: Int16 = 0x08, setSignalDefaults: Int16 = 0x04
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, startNewSession | setSignalMask | setSignalDefaults)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else { throw Failure.spawnFailed(status) }
        processID = pid
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        kill(processID, SIGKILL)
        var status: Int32 = 0
        waitpid(processID, &status, 0)
        close(master)
    }

    /// Presses Ctrl-C: the terminal driver turns it into SIGINT for the program.
    func pressControlC() {
        type("\u{03}")
    }

    /// Types text into the terminal (`\u{03}` is Ctrl-C, `\t` Tab, `\u{04}` Ctrl-D).
    func type(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(master, &bytes, bytes.count)
    }

    /// Reads what the program printed until `text` appears after the read position
    /// `from`, or the time runs out; returns whether it appeared.
    @discardableResult
    func waitFor(_ text: String, after start: String.Index? = nil, timeout: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            drain()
            let searchFrom = start ?? transcript.startIndex
            if transcript[searchFrom...].contains(text) { return true }
            usleep(20_000)
        }
        return false
    }

    var end: String.Index { transcript.endIndex }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(master, &buffer, buffer.count)
            guard count > 0 else { return }
            transcript += String(decoding: buffer[0..<count], as: UTF8.self)
        }
    }

    /// Waits for the program to exit and returns its status (nil on time-out).
    func waitForExit(timeout: Double = 30) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            drain()
            var status: Int32 = 0
            if waitpid(processID, &status, WNOHANG) == processID {
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
            usleep(20_000)
        }
        return nil
    }
}
