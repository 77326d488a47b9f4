import Discovery
import Foundation
import Testing
@testable import KanLang
@testable import KanLangCore

/// The standard library built into kan is library/std.kan, byte for byte, and behaves
/// as the file did: run once, and `import "std.kan"` finds it with no folder to search.
@Suite("Built-in standard library")
struct StandardLibraryTests {
    @Test func theEmbeddedTextIsTheFile() throws {
        let file = try String(contentsOf: Repository.standardLibrary, encoding: .utf8)
        #expect(StandardLibrary.source == file)
    }

    @Test func runningItGivesTheStandardLibrary() throws {
        let interpreter = makeInterpreter(OutputCapture())
        try interpreter.runStandardLibrary()
        #expect(interpreter.functionLibrary.names == FunctionLibrary.standard.names)
        // A second run, and an import, change nothing.
        try interpreter.run(source: "library_remove(\"tan\")\nimport \"std.kan\"", fileName: "t.kan")
        try interpreter.runStandardLibrary()
        #expect(interpreter.functionLibrary["tan"] == nil)
    }

    @Test func importFindsTheBuiltInCopyWithoutAnyFolder() throws {
        let capture = OutputCapture()
        let interpreter = makeInterpreter(capture) { $0.libraryPaths = [] }
        try interpreter.run(source: "import \"std.kan\"\nprint(len(library()))", fileName: "t.kan")
        #expect(capture.text == "\(FunctionLibrary.standard.names.count)\n")
    }
}
