import Foundation
import Testing
@testable import KanLang

/// Runs a script of `scripts/examples` after std.kan, as `kan FILE.kan` does; returns its output.
func runExample(_ name: String) throws -> String {
    let capture = OutputCapture()
    let interpreter = try standardInterpreter(capture)
    try interpreter.run(file: Repository.examples.appendingPathComponent(name + ".kan").path)
    return capture.text
}

@Suite("Examples")
struct ExampleTests {
    /// Runs the example named by the environment variable KAN_EXAMPLE and shows its output
    /// (a helper for working on the examples: `KAN_EXAMPLE=product swift test --filter runNamedExample`).
    @Test func runNamedExample() throws {
        guard let name = ProcessInfo.processInfo.environment["KAN_EXAMPLE"] else { return }
        let start = Date()
        let text = try runExample(name)
        print(text + "[\(name): \(String(format: "%.1f", Date().timeIntervalSince(start))) s]")
    }
}
