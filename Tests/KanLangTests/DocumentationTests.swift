import Foundation
import Testing
@testable import KanLang
@testable import KanLangCore

/// Keeps docs/language.md true: every `kan` example parses, and self-contained
/// examples print what their comments say, in process (Tests/EndToEndTests/
/// DocumentationBlockTests.swift runs every block of README.md and docs/ with the binary).
@Suite("Language documentation")
struct DocumentationTests {
    static let document = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/language.md")

    static func examples() throws -> [String] {
        let text = try String(contentsOf: document, encoding: .utf8)
        var blocks: [String] = []
        var current: [String]?
        for line in text.components(separatedBy: "\n") {
            if current == nil, line.hasPrefix("```kan") {
                current = []
            } else if current != nil, line.hasPrefix("```") {
                blocks.append(current?.joined(separator: "\n") ?? "")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    @Test func everyExampleParses() throws {
        let blocks = try Self.examples()
        #expect(blocks.count >= 9)
        for block in blocks {
            var parser = Parser(file: SourceFile(name: "example.kan", text: block))
            _ = parser.parse()
            #expect(parser.diagnostics.isEmpty, "\(Diagnostics(parser.diagnostics).rendered)")
        }
    }

    /// Examples whose `print(...)  # expected` comments are checked by running them.
    @Test func examplesPrintWhatTheySay() throws {
        for block in try Self.examples() where !block.contains("import") && !block.contains("not a == b") {
            var expected: [String] = []
            for line in block.components(separatedBy: "\n") where line.contains("print(") {
                guard let hash = line.range(of: "# ", options: .backwards) else { continue }
                let comment = String(line[hash.upperBound...])
                // Comments may add an explanation in parentheses after the value.
                let value = comment.components(separatedBy: "   (").first ?? comment
                expected.append(value.trimmingCharacters(in: .whitespaces))
            }
            guard !expected.isEmpty else { continue }
            // As `kan` runs them: after the standard library (library() lists its primitives).
            let printed = outputWithStandardLibrary(block).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let shown = printed.filter { !$0.isEmpty }
            for (line, value) in zip(shown, expected) where !value.hasSuffix("...}]") && !value.contains("...") {
                #expect(line == value, "in example:\n\(block)")
            }
            #expect(shown.count >= expected.count, "in example:\n\(block)\nprinted: \(printed)")
        }
    }
}

/// Every builtin answers `:help NAME` and is named in docs/language.md.
@Suite("Builtin documentation")
struct BuiltinDocumentationTests {
    @Test func everyBuiltinIsDocumented() throws {
        let document = try String(contentsOf: DocumentationTests.document, encoding: .utf8)
        let registry = BuiltinRegistry(groups: PipelineHost.builtinGroups)
        for name in registry.names {
            let help = try #require(registry.help(for: name))
            #expect(help.hasPrefix(name + "("), "help for \(name)")
            #expect((registry.builtin(named: name)?.doc.count ?? 0) > 10, "\(name) has no documentation")
            let pattern = "(^|[^A-Za-z0-9_])" + name + "([^A-Za-z0-9_]|$)"
            #expect(document.range(of: pattern, options: .regularExpression) != nil, "\(name) is not in docs/language.md")
        }
    }
}
