import ArgumentParser
import FileIO
import Foundation
import KanLang

/// Runs KanLang: a script file, code given with `-e`, standard input, or the REPL.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a KanLang script, code given with -e, or the interactive REPL (the default)."
    )

    @Option(name: [.customShort("e"), .customLong("execute")], help: "Run CODE and print the value of its last expression.")
    var code: String?

    @Option(name: .customLong("library"), help: ArgumentHelp("Load a KanLang library file (repeatable) after std.kan.", valueName: "FILE.kan"))
    var libraries: [String] = []

    @Flag(name: .customLong("no-std"), help: "Do not load the standard function library std.kan.")
    var noStandardLibrary = false

    @Option(name: .customLong("memory-limit"), help: ArgumentHelp(
        "The most memory the program's values (lists, records, datasets, models) may hold, e.g. 4GB or 512M; "
            + "default: the environment variable KAN_MEMORY_LIMIT, else half of the machine's memory.",
        valueName: "SIZE"))
    var memoryLimit: String?

    @ArgumentParser.Argument(parsing: .captureForPassthrough, help: ArgumentHelp("A script to run, and the arguments it sees as `args`.", valueName: "FILE.kan [ARGS...]"))
    var scriptAndArguments: [String] = []

    func run() throws {
        // Passthrough capture takes every word after the options, `--help` too; a script is
        // never named so, and `kan run --help` should show the help, not fail to read it.
        if code == nil, let first = scriptAndArguments.first, first == "--help" || first == "-h" {
            throw CleanExit.helpRequest(self)
        }
        let script = code == nil ? scriptAndArguments.first : nil
        let arguments = code == nil ? Array(scriptAndArguments.dropFirst()) : scriptAndArguments
        let interpreter: Interpreter
        let limit = try resolvedMemoryLimit()
        do {
            interpreter = try Session.makeInterpreter(
                arguments: arguments, libraries: libraries, standardLibrary: !noStandardLibrary, memoryLimit: limit)
        } catch {
            StandardError.write(error.diagnostics.rendered)
            throw ExitCode.failure
        }
        if let code {
            try runBatch(interpreter, printLastValue: true) { () throws(Diagnostics) -> Value? in try interpreter.run(source: code, fileName: "<-e>") }
        } else if let script {
            try runBatch(interpreter, printLastValue: false) { () throws(Diagnostics) -> Value? in try interpreter.run(file: script) }
        } else if isatty(STDIN_FILENO) != 0 {
            var repl = REPL(interpreter: interpreter, libraries: libraries, standardLibrary: !noStandardLibrary)
            repl.run()
        } else {
            let input: [UInt8]
            do {
                input = try readEntireFile(atPath: standardInputPath, limit: ReadSizeLimit.source)
            } catch {
                StandardError.write("kan: error: \(error)\n")
                throw ExitCode.failure
            }
            let source = String(decoding: input, as: UTF8.self)
            try runBatch(interpreter, printLastValue: false) { () throws(Diagnostics) -> Value? in try interpreter.run(source: source, fileName: "<stdin>") }
        }
    }

    /// The memory limit from `--memory-limit`, else `KAN_MEMORY_LIMIT`, else nil (the default).
    private func resolvedMemoryLimit() throws -> Int? {
        let environment = ProcessInfo.processInfo.environment["KAN_MEMORY_LIMIT"]
        guard let text = memoryLimit ?? environment, !(memoryLimit == nil && text.isEmpty) else { return nil }
        guard let bytes = MemoryBudget.parse(text) else {
            let source = memoryLimit == nil ? "KAN_MEMORY_LIMIT" : "--memory-limit"
            StandardError.write("kan: error: \(source) '\(text)' is not a size (examples: 4GB, 512M, 100K, 1000000)\n")
            throw ExitCode.failure
        }
        return bytes
    }

    /// Runs a whole program; Ctrl-C stops it at its next step with status 130.
    private func runBatch(_ interpreter: Interpreter, printLastValue: Bool, _ body: () throws(Diagnostics) -> Value?) throws {
        let interrupted = InterruptFlag()
        InterruptSignal.install(forceExitOnSecond: true) {
            interrupted.set()
            interpreter.interrupt()
        }
        defer { InterruptSignal.uninstall() }
        do {
            let value = try body()
            if printLastValue, let value {
                print(ValueFormatter.describe(value))
            }
        } catch {
            StandardError.write(error.rendered)
            throw interrupted.isSet ? ExitCode.interrupted : ExitCode.failure
        }
    }
}

/// Remembers that the user pressed Ctrl-C, across threads.
final class InterruptFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
