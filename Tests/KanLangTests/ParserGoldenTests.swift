import Foundation
import Testing
@testable import KanLang
@testable import KanLangCore

/// Each `Golden/NAME.kan` is parsed; the AST dump must equal `NAME.ast`, or, when
/// the parser reports errors, the rendered diagnostics must equal `NAME.diag`.
/// Run with KAN_UPDATE_GOLDEN=1 to rewrite the expected files (then review the diff).
@Suite("Parser golden files")
struct ParserGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".kan") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test func goldenFilesExist() {
        #expect(Self.cases.count >= 5)
    }

    @Test(arguments: cases)
    func golden(name: String) throws {
        let source = try String(contentsOf: Self.directory.appendingPathComponent(name + ".kan"), encoding: .utf8)
        var parser = Parser(file: SourceFile(name: name + ".kan", text: source))
        let statements = parser.parse()
        let (actual, suffix) = parser.diagnostics.isEmpty
            ? (ASTDump.dump(statements) + "\n", "ast")
            : (Diagnostics(parser.diagnostics).rendered, "diag")
        let expectedURL = Self.directory.appendingPathComponent("\(name).\(suffix)")
        if ProcessInfo.processInfo.environment["KAN_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(actual == expected)
    }
}
