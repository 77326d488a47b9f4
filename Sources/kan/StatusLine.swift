import Foundation

/// A one-line status on a terminal's standard error, redrawn in place
/// (`discover: network [2, 1, 1] seed 0 · 1.2 s`); silent when standard error is
/// not a terminal, so logs and pipes stay clean.
final class StatusLine: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var visible = false

    init(enabled: Bool) {
        self.enabled = enabled && isatty(STDERR_FILENO) != 0
    }

    func show(_ message: String, seconds: Double) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let line = "discover: \(message) · \(String(format: "%.1f", seconds)) s"
        StandardError.write("\r\u{1B}[2K" + String(line.prefix(terminalWidth() - 1)))
        visible = true
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        guard visible else { return }
        StandardError.write("\r\u{1B}[2K")
        visible = false
    }

    private func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 10 { return Int(size.ws_col) }
        return 80
    }
}
