import Foundation
import KanLang

/// The interactive KanLang session on a terminal.
///
/// Reads complete inputs (continuing with `...>` while a bracket, block or string is
/// open), evaluates them in one persistent interpreter, and prints each value,
/// abbreviated, keeping the last in `_`. Inputs are numbered for diagnostics
/// (`<repl-7>:1:10`), and a multi-line input is one history entry.
/// Errors print and the session goes on with its state intact. Ctrl-C at the prompt
/// clears the line; during evaluation (training, say) it stops the program at the
/// end of its current step, keeping what was done; Ctrl-D leaves.
struct REPL {
    private(set) var interpreter: Interpreter
    let libraries: [String]
    let standardLibrary: Bool

    init(interpreter: Interpreter, libraries: [String], standardLibrary: Bool) {
        self.interpreter = interpreter
        self.libraries = libraries
        self.standardLibrary = standardLibrary
    }

    static var historyPath: String {
        if let path = ProcessInfo.processInfo.environment["KAN_HISTORY"], !path.isEmpty { return path }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".kan_history").path
    }

    mutating func run() {
        let completionSource = CompletionSource(interpreter: interpreter)
        let editor = LineEditor(historyPath: REPL.historyPath) { prefix in completionSource.completions(prefix: prefix) }
        print("kan \(KanVersion.string): type :help for help, :quit or Ctrl-D to leave.")
        var buffer = ""
        // The lines of `buffer` that went into the history (blank ones do not).
        var historyLines = 0
        var inputNumber = 0
        while true {
            let prompt = buffer.isEmpty ? "kan> " : "...> "
            switch editor.read(prompt: prompt) {
            case .endOfInput:
                editor.saveHistory()
                return
            case .interrupted:
                buffer = ""
                historyLines = 0
                continue
            case .line(let line):
                if buffer.isEmpty, line.trimmingCharacters(in: .whitespaces).hasPrefix(":") {
                    if handleCommand(line.trimmingCharacters(in: .whitespaces), completionSource: completionSource) == .quit {
                        editor.saveHistory()
                        return
                    }
                    continue
                }
                buffer += buffer.isEmpty ? line : "\n" + line
                if !line.allSatisfy(\.isWhitespace) { historyLines += 1 }
                guard Interpreter.isComplete(buffer) else { continue }
                let input = buffer
                editor.collapseHistory(lines: historyLines, into: input)
                buffer = ""
                historyLines = 0
                if isQuitWord(input) {
                    editor.saveHistory()
                    return
                }
                inputNumber += 1
                evaluate(input, number: inputNumber)
            }
            editor.saveHistory()
        }
    }

    /// `exit`, `quit`, `exit()` or `quit()` alone leave, as in Python and Julia, unless the
    /// session defined a variable of that name.
    private func isQuitWord(_ input: String) -> Bool {
        let word = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard ["exit", "quit", "exit()", "quit()"].contains(word) else { return false }
        return interpreter.global(String(word.prefix { $0 != "(" })) == nil
    }

    /// Runs one input, named `<repl-N>` in diagnostics, shows its value (abbreviated:
    /// `ValueFormatter.preview`) unless a builtin already printed it as a table, and keeps
    /// it in `_`.
    private func evaluate(_ input: String, number: Int) {
        let interpreter = self.interpreter
        InterruptSignal.install(forceExitOnSecond: false) { interpreter.interrupt() }
        defer { InterruptSignal.uninstall() }
        do {
            if let value = try interpreter.evaluateLine(input, name: "<repl-\(number)>") {
                interpreter.setGlobal("_", value)
                if !interpreter.lastValueWasDisplayed {
                    print(ValueFormatter.preview(value))
                }
            }
        } catch {
            StandardError.write(error.rendered)
        }
    }

    enum CommandOutcome { case proceed, quit }

    /// The `:` commands: help, quit, load, reset, vars.
    private mutating func handleCommand(_ line: String, completionSource: CompletionSource) -> CommandOutcome {
        let parts = line.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let command = parts.first ?? ""
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch command {
        case "quit", "q", "exit":
            return .quit
        case "help", "h", "?":
            print(ReplHelp.text(for: argument, registry: interpreter.registry))
        case "load", "l":
            guard !argument.isEmpty else {
                StandardError.write("error: :load needs a file name, as in :load script.kan\n")
                break
            }
            let interpreter = self.interpreter
            InterruptSignal.install(forceExitOnSecond: false) { interpreter.interrupt() }
            defer { InterruptSignal.uninstall() }
            do {
                if let value = try interpreter.run(file: argument) { print(ValueFormatter.describe(value)) }
            } catch {
                StandardError.write(error.rendered)
            }
        case "reset":
            do {
                interpreter = try Session.makeInterpreter(arguments: interpreter.options.arguments, libraries: libraries,
                                                         standardLibrary: standardLibrary, memoryLimit: interpreter.options.memoryLimit)
                completionSource.interpreter = interpreter
                print("session reset: all variables cleared, libraries reloaded")
            } catch {
                StandardError.write(error.diagnostics.rendered)
            }
        case "vars", "v":
            let names = interpreter.globalNames
            if names.isEmpty { print("no variables defined") }
            for name in names {
                if let value = interpreter.global(name) {
                    print("\(name) = \(ValueFormatter.preview(value, elements: 10, limit: 200))")
                }
            }
        default:
            StandardError.write("error: unknown command ':\(command)'; try :help\n")
        }
        return .proceed
    }
}

/// What Tab completes: `:` commands at the start, then KanLang names.
final class CompletionSource: @unchecked Sendable {
    var interpreter: Interpreter
    static let commands = [":help", ":quit", ":load", ":reset", ":vars"]

    init(interpreter: Interpreter) { self.interpreter = interpreter }

    func completions(prefix: String) -> [String] {
        if prefix.hasPrefix(":") { return CompletionSource.commands.filter { $0.hasPrefix(prefix) } }
        return interpreter.completions(prefix: prefix)
    }
}
