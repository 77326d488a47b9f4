import Foundation
import Testing
@testable import KanLang
@testable import KanLangCore

@Suite("Imports")
struct ImportTests {
    func write(_ text: String, _ name: String, in directory: URL) throws {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func run(_ directory: URL, _ name: String, libraryPaths: [String] = []) -> String {
        let capture = OutputCapture()
        let interpreter = makeInterpreter(capture) { $0.libraryPaths = libraryPaths }
        do {
            try interpreter.run(file: directory.appendingPathComponent(name).path)
            return capture.text
        } catch {
            return capture.text + "ERROR\n" + error.rendered
        }
    }

    @Test func relativeThenLibrary() throws {
        let root = temporaryDirectory()
        let library = root.appendingPathComponent("library")
        try write("print(\"helper\")\nfn helper() { return 1 }", "sub/helper.kan", in: root)
        try write("import \"helper.kan\"\nimport \"std.kan\"\nimport \"helper.kan\"\nprint(helper() + shared)", "sub/main.kan", in: root)
        try write("let shared = 41\nprimitive sq = x^2", "std.kan", in: library)
        #expect(run(root, "sub/main.kan", libraryPaths: [library.path]) == "helper\n42\n")
    }

    @Test func missingFile() throws {
        let root = temporaryDirectory()
        try write("\nimport \"nowhere.kan\"", "main.kan", in: root)
        let text = run(root, "main.kan")
        #expect(text.contains("main.kan:2:1: error: cannot find 'nowhere.kan' to import"))
    }

    @Test func cycles() throws {
        let root = temporaryDirectory()
        try write("import \"b.kan\"", "a.kan", in: root)
        try write("import \"c.kan\"", "b.kan", in: root)
        try write("import \"a.kan\"", "c.kan", in: root)
        let text = run(root, "a.kan")
        #expect(text.contains("c.kan:1:1: error: import cycle: a.kan -> b.kan -> c.kan -> a.kan"))
        try write("import \"self.kan\"", "self.kan", in: root)
        #expect(run(root, "self.kan").contains("import cycle: self.kan -> self.kan"))
    }

    @Test func errorsInImportedFilesPointThere() throws {
        let root = temporaryDirectory()
        try write("let a = \nlet b = )", "bad.kan", in: root)
        try write("import \"bad.kan\"", "main.kan", in: root)
        let text = run(root, "main.kan")
        #expect(text.contains("bad.kan:1:9: error: expected an expression, found end of line"))
        #expect(text.contains("bad.kan:2:9: error: expected an expression, found ')'"))
        try write("fn f() { return 1 + \"a\" }", "runtime.kan", in: root)
        try write("import \"runtime.kan\"\nf()", "main2.kan", in: root)
        #expect(run(root, "main2.kan").contains("runtime.kan:1:19: error: operator '+' cannot be applied to number and string"))
    }

    @Test func invalidUTF8IsLocated() throws {
        let root = temporaryDirectory()
        var bytes = Array("let a = 1\nlet b = \"".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("\"\n".utf8)
        try Data(bytes).write(to: root.appendingPathComponent("bad.kan"))
        let text = run(root, "bad.kan")
        #expect(text.contains("bad.kan:2:10: error: invalid UTF-8 in source file"))
        #expect(run(root, "absent.kan").contains("error: cannot read"))
    }
}
