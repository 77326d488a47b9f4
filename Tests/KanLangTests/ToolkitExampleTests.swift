import Foundation
import Testing
@testable import KanLang
@testable import KanLangCore

/// The toolkit's examples (`scripts/examples/kanpiler.kan`, `surgery.kan`), run as
/// `kan FILE.kan DIR` runs them, so their drawings are made too. Each takes well under a second.
@Suite("Toolkit examples")
struct ToolkitExampleTests {
    /// Runs an example with a scratch folder as its argument; returns its output (or "ERROR"
    /// and the diagnostics) and the files it drew.
    func run(_ name: String) throws -> (text: String, files: [String]) {
        let folder = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let capture = OutputCapture()
        let interpreter = makeInterpreter(capture) {
            $0.libraryPaths = [Repository.library.path]
            $0.arguments = [folder.path]
        }
        try interpreter.run(file: Repository.standardLibrary.path)
        var text = ""
        do {
            try interpreter.run(file: Repository.examples.appendingPathComponent(name + ".kan").path)
            text = capture.text
        } catch {
            text = capture.text + "ERROR\n\(error)"
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return (text, files)
    }

    @Test func kanpilerRecoversTheCompiledFormula() throws {
        let (text, files) = try run("kanpiler")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "compiled: [2, 1, 1] rmse 0", "\(text)")
        let perturbed = try #require(lines.first { $0.hasPrefix("perturbed: rmse ") }, "\(text)")
        let rmse = try #require(Double(perturbed.dropFirst("perturbed: rmse ".count)))
        #expect(rmse > 1e-2)
        #expect(lines.contains("retrained: rmse below 1e-6: true"), "\(text)")
        #expect(lines.last == "exp(y^2 + sin(pi*x))", "\(text)")
        #expect(files == ["kanpiler-compiled.svg", "kanpiler-retrained.svg"])
    }

    @Test func surgeryGrowsPrunesAndSwaps() throws {
        let (text, files) = try run("surgery")
        let lines = text.split(separator: "\n").map(String.init)
        for expected in ["grown: [3, 5, 1] same function: true", "connection cost lowered: true", "same function: true",
                         "rmse below 0.05: true"] {
            #expect(lines.contains(expected), "\(expected) in \(text)")
        }
        #expect(lines.contains { $0.hasPrefix("pruned: [2, ") }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("2 expand_width(1, n: 3)") }, "\(text)")
        #expect(!text.contains("ERROR"), "\(text)")
        #expect(files == ["surgery-after.svg", "surgery-before.svg"])
    }
}
