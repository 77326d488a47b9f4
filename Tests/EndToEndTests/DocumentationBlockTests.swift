import Foundation
import Testing

/// Keeps README.md and docs/ true: every `kan` code block runs with the `kan` binary and
/// prints what its `print(...)  # value` comments say, and every `kan` command of a `sh`
/// block exits 0. A block whose previous line is `<!-- illustration -->` (it names files
/// the reader would have, or shows a transcript) is left out; `scripts/test` is never run.
@Suite struct DocumentationBlockTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Block: CustomStringConvertible, Sendable {
        var file: String
        var line: Int
        var language: String
        var text: String
        var isIllustration: Bool
        var description: String { "\(file):\(line) (\(language))" }
    }

    /// The fenced blocks of README.md and docs/*.md, in order.
    static let blocks: [Block] = {
        var files = ["README.md"]
        let docs = repository.appendingPathComponent("docs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []
        files += names.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        var blocks: [Block] = []
        for file in files {
            guard let text = try? String(contentsOf: repository.appendingPathComponent(file), encoding: .utf8) else { continue }
            let lines = text.components(separatedBy: "\n")
            var open: (line: Int, language: String, illustration: Bool)?
            var body: [String] = []
            for (index, line) in lines.enumerated() where line.hasPrefix("```") {
                if let start = open {
                    blocks.append(Block(file: file, line: start.line, language: start.language,
                                        text: body.joined(separator: "\n"), isIllustration: start.illustration))
                    open = nil
                } else {
                    let marked = index > 0 && lines[index - 1].trimmingCharacters(in: .whitespaces) == "<!-- illustration -->"
                    open = (index + 1, String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), marked)
                    body = []
                    // The body is read below, line by line, until the closing fence.
                    var next = index + 1
                    while next < lines.count, !lines[next].hasPrefix("```") { body.append(lines[next]); next += 1 }
                }
            }
        }
        return blocks
    }()

    static var kanBlocks: [Block] { blocks.filter { $0.language == "kan" && !$0.isIllustration } }

    /// The `kan` commands of the `sh` blocks that are not illustrations.
    static var commands: [String] {
        blocks.filter { $0.language == "sh" && !$0.isIllustration }.flatMap { block in
            block.text.components(separatedBy: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("scripts/kan ") || $0.hasPrefix("kan ") }
        }
    }

    @Test func theDocumentsHaveRunnableBlocks() {
        #expect(Self.kanBlocks.count >= 15)
        #expect(Self.kanBlocks.contains { $0.file == "README.md" })
        #expect(!Self.commands.isEmpty)
        // Every block says what it is: a language after the fence.
        #expect(Self.blocks.filter { $0.language.isEmpty && $0.text.contains("let ") }.isEmpty,
                "a block of KanLang without ```kan")
    }

    @Test(arguments: DocumentationBlockTests.kanBlocks)
    func kanBlockRunsAndPrintsWhatItSays(_ block: Block) throws {
        let folder = ScratchFolder.make("kan-doc")
        let script = try ScratchFolder.write(block.text + "\n", to: "example.kan", in: folder)
        let result = try KanBinary.run([script], workingDirectory: folder)
        #expect(result.status == 0, "\(block): \(result.standardError)")
        var expected: [String] = []
        for line in block.text.components(separatedBy: "\n") where line.contains("print(") {
            guard let hash = line.range(of: "# ", options: .backwards) else { continue }
            let comment = String(line[hash.upperBound...])
            // Comments may add an explanation in parentheses after the value.
            let value = comment.components(separatedBy: "   (").first ?? comment
            expected.append(value.trimmingCharacters(in: .whitespaces))
        }
        let shown = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(shown.count >= expected.count, "\(block): printed \(shown)")
        for (line, value) in zip(shown, expected) where !value.contains("...") {
            #expect(line == value, "\(block)")
        }
    }

    @Test(arguments: DocumentationBlockTests.commands)
    func kanCommandRuns(_ command: String) throws {
        let binary = KanBinary.url.path
        let line = command.hasPrefix("scripts/kan ") ? "\"\(binary)\" " + command.dropFirst("scripts/kan ".count)
            : "\"\(binary)\" " + command.dropFirst("kan ".count)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", line]
        process.currentDirectoryURL = Self.repository
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(command)")
    }
}
