import Foundation
import Synchronization
@testable import KanLang
@testable import KanLangCore

/// Collects what a program prints.
final class OutputCapture: Sendable {
    private let buffer = Mutex("")
    var text: String { buffer.withLock { $0 } }
    func write(_ text: String) { buffer.withLock { $0 += text } }
}

/// A fresh interpreter whose output goes to `capture`.
func makeInterpreter(_ capture: OutputCapture, configure: (inout InterpreterOptions) -> Void = { _ in }) -> Interpreter {
    var options = InterpreterOptions()
    options.output = { capture.write($0) }
    configure(&options)
    return Interpreter(options: options)
}

/// Runs a script; returns what it printed, or the rendered diagnostics after "ERROR\n".
func output(of source: String, file: String = "test.kan",
            configure: (inout InterpreterOptions) -> Void = { _ in }) -> String {
    let capture = OutputCapture()
    let interpreter = makeInterpreter(capture, configure: configure)
    do {
        try interpreter.run(source: source, fileName: file)
        return capture.text
    } catch {
        return capture.text + "ERROR\n" + error.rendered
    }
}

/// The value of a one-line input, displayed as the REPL shows it.
func value(of source: String) -> String {
    let interpreter = makeInterpreter(OutputCapture())
    do {
        return try interpreter.evaluateLine(source).map(\.description) ?? "nil"
    } catch {
        return "ERROR " + error.rendered
    }
}

/// The first diagnostic's message of a failing script, or "no error".
func errorMessage(of source: String) -> String {
    let interpreter = makeInterpreter(OutputCapture())
    do {
        try interpreter.run(source: source, fileName: "test.kan")
        return "no error"
    } catch {
        return error.items.first?.message ?? "?"
    }
}

/// A fresh temporary directory.
func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("kanlang-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
