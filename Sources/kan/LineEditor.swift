import CReadline
import Foundation

/// Interactive line input on GNU readline: editing, persistent history (a multi-line
/// input kept as one entry) and tab completion (names, fields after a dot, file names
/// inside strings), with Ctrl-C clearing the line instead of ending the program.
///
/// Readline's blocking `readline()` cannot be interrupted cleanly from a signal
/// handler, so this uses its callback interface: a `poll` loop waits on standard
/// input and on a self-pipe that the SIGINT handler writes to (writing to a pipe is
/// async-signal-safe). On Ctrl-C the partial line is discarded, readline's state is
/// cleaned up, and `read` reports `.interrupted`, as Python's REPL does.
///
/// Readline keeps global state, so there is one editor per process.
final class LineEditor {
    enum Input: Equatable {
        case line(String)
        case interrupted
        case endOfInput
    }

    private let historyPath: String
    private let historyLimit = 2_000

    /// Supplies completion candidates for the word being completed.
    init(historyPath: String, completions: @escaping @Sendable (String) -> [String]) {
        self.historyPath = historyPath
        LineEditorState.completionProvider = completions
        // Readline keeps these pointers for the life of the process.
        kan_readline_configure(strdup("kan"), strdup(" \t\n\"'(),+-*/^[]{}=<>!;")) { text, start, _ in
            // Inside a string: readline's own file-name completion (load_csv("da<Tab>).
            if kan_readline_inside_string(start) != 0 {
                kan_readline_complete_file_names()
                return nil
            }
            kan_readline_completion_is_final()
            return rl_completion_matches(text) { text, state in
                LineEditorState.nextCompletion(for: text, state: state)
            }
        }
        kan_readline_install_word_break_hook()
        stifle_history(Int32(historyLimit))
        kan_history_keep_multiline_entries()
        _ = read_history(historyPath)
    }

    /// Reads one line with the prompt; blank lines are not added to the history.
    func read(prompt: String) -> Input {
        LineEditorState.installInterruptHandler()
        defer { LineEditorState.removeInterruptHandler() }
        LineEditorState.pendingLine = nil
        LineEditorState.lineComplete = false
        rl_callback_handler_install(prompt) { line in
            LineEditorState.lineComplete = true
            if let line {
                LineEditorState.pendingLine = String(cString: line)
                free(line)
            }
            rl_callback_handler_remove()
        }
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: LineEditorState.pipeReadEnd, events: Int16(POLLIN), revents: 0),
        ]
        while !LineEditorState.lineComplete {
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 && errno != EINTR { break }
            if descriptors[1].revents & Int16(POLLIN) != 0 {
                LineEditorState.drainInterruptPipe()
                print("^C", terminator: "")
                fflush(nil)
                rl_free_line_state()
                rl_callback_sigcleanup()
                rl_cleanup_after_signal()
                rl_callback_handler_remove()
                print("")
                fflush(nil)
                return .interrupted
            }
            if descriptors[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                rl_callback_read_char()
            }
        }
        guard let line = LineEditorState.pendingLine else {
            print("")
            return .endOfInput
        }
        if !line.allSatisfy(\.isWhitespace) {
            kan_history_add(line)
        }
        return .line(line)
    }

    /// Replaces the history entries of the last `lines` lines read (those that were added:
    /// not blank) with one entry holding `block`, the whole multi-line input, so that
    /// up-arrow recalls what was run rather than its closing `}`.
    func collapseHistory(lines: Int, into block: String) {
        guard lines > 1 else { return }
        kan_history_collapse_last(Int32(lines), block)
    }

    /// Writes the history file, keeping the most recent entries.
    func saveHistory() {
        _ = write_history(historyPath)
        _ = history_truncate_file(historyPath, Int32(historyLimit))
    }
}

/// The process-wide state readline's C callbacks reach: they cannot capture context.
private enum LineEditorState {
    nonisolated(unsafe) static var pendingLine: String?
    nonisolated(unsafe) static var lineComplete = false
    nonisolated(unsafe) static var completionProvider: @Sendable (String) -> [String] = { _ in [] }
    nonisolated(unsafe) static var candidates: [String] = []
    nonisolated(unsafe) static var candidateIndex = 0
    nonisolated(unsafe) static var previousHandler = sigaction()

    /// A self-pipe: the SIGINT handler writes one byte, the poll loop wakes up.
    nonisolated(unsafe) static var pipeReadEnd: Int32 = -1
    nonisolated(unsafe) static var pipeWriteEnd: Int32 = -1

    /// Creates the self-pipe once, non-blocking at both ends.
    static func openPipe() {
        guard pipeReadEnd < 0 else { return }
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { return }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        pipeReadEnd = descriptors[0]
        pipeWriteEnd = descriptors[1]
    }

    static func installInterruptHandler() {
        var interruptOnly = sigset_t()
        sigemptyset(&interruptOnly)
        sigaddset(&interruptOnly, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interruptOnly, nil)
        openPipe()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            var byte: UInt8 = 1
            _ = write(LineEditorState.pipeWriteEnd, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, &previousHandler)
    }

    static func removeInterruptHandler() {
        sigaction(SIGINT, &previousHandler, nil)
    }

    static func drainInterruptPipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(pipeReadEnd, &buffer, buffer.count) > 0 {}
    }

    /// Readline's generator protocol: state 0 starts a new completion, then each
    /// call returns the next match as a malloc'd string, or nil when done.
    static func nextCompletion(for text: UnsafePointer<CChar>?, state: Int32) -> UnsafeMutablePointer<CChar>? {
        if state == 0 {
            let prefix = text.map { String(cString: $0) } ?? ""
            candidates = completionProvider(prefix).filter { $0.hasPrefix(prefix) }.sorted()
            candidateIndex = 0
        }
        guard candidateIndex < candidates.count else { return nil }
        defer { candidateIndex += 1 }
        return strdup(candidates[candidateIndex])
    }
}
