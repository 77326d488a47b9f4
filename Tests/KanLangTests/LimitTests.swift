import Foundation
import Testing
@testable import KanLang
@testable import KanLangCore

/// The limits of docs/language.md §8, each hit on purpose: a located error (or a result),
/// never a crash, a stack overflow or memory without bound.
@Suite("Limits")
struct LimitTests {
    /// The error of a script run with no step limit, as `file:line:col: message`.
    func located(_ source: String) -> String {
        let interpreter = makeInterpreter(OutputCapture())
        do {
            try interpreter.run(source: source, fileName: "limit.kan")
            return "no error"
        } catch {
            guard let first = error.items.first else { return "?" }
            return "\(first.location.map(\.description) ?? "?"): \(first.message)"
        }
    }

    // MARK: Values nested a million deep

    /// Builds a chain a million links long in a script, then frees it on the test's own
    /// thread (whose stack is a few megabytes at most) when the interpreter goes away.
    @Test(arguments: [
        "let l = []\nfor i in range(1000000) { l = [l] }\nlen(l)",
        "let r = {}\nfor i in range(1000000) { r = {next: r} }\nlen(r)",
        "let f = () -> 0\nfor i in range(1000000) { let g = f\nf = () -> g }\n1",
        "let l = [1]\nfor i in range(1000000) { l = [{a: [l]}] }\nlen(l)",
    ])
    func deeplyNestedValuesAreFreedWithoutRecursion(source: String) throws {
        var result: Value?
        do {
            let interpreter = makeInterpreter(OutputCapture())
            result = try interpreter.run(source: source, fileName: "chain.kan")
        }
        #expect(result?.numberValue == 1)
        result = nil  // frees the chain here, on this thread
    }

    @Test func aChainFreedWhileTheScriptRunsDoesNotOverflow() {
        let source = """
            let l = []
            for i in range(1000000) { l = [l] }
            l = 0
            let r = {}
            for i in range(1000000) { r = {next: r, l: [r]} }
            r = nil
            print("freed")
            """
        #expect(output(of: source) == "freed\n")
    }

    @Test func deepValuesPrintCutAtTheNestingLimit() {
        let text = output(of: "let l = []\nfor i in range(100000) { l = [l] }\nprint(l)")
        #expect(text == String(repeating: "[", count: 64) + "[...]" + String(repeating: "]", count: 64) + "\n")
        #expect(output(of: "let a = []\nlet b = []\nfor i in range(100000) { a = [a]\nb = [b] }\nprint(a == b)") == "false\n")
    }

    // MARK: Memory

    @Test func growingStringsAndListsStopAtTheirLimits() {
        #expect(located("let s = \"ab\"\nwhile true { s = s + s }") == "limit.kan:2:20: string too long (more than 100000000 bytes)")
        #expect(located("let l = [1]\nwhile true { l = l + l }") == "limit.kan:2:20: list too long (more than 10000000 elements)")
        #expect(located("let l = range(9999999)\npush(l, 1)\npush(l, 2)") == "limit.kan:3:6: list too long (more than 10000000 elements)")
        #expect(located("range(10000001)") == "limit.kan:1:6: range of 10000001 elements is too long (at most 10000000)")
    }

    /// The error of `source` run under a memory limit of `limit` bytes, and the interpreter.
    func underMemoryLimit(_ limit: Int, _ source: String) -> (String, Interpreter) {
        let interpreter = makeInterpreter(OutputCapture()) { $0.memoryLimit = limit }
        do {
            try interpreter.run(source: source, fileName: "limit.kan")
            return ("no error", interpreter)
        } catch {
            guard let first = error.items.first else { return ("?", interpreter) }
            return ("\(first.location.map(\.description) ?? "?"): \(first.message)", interpreter)
        }
    }

    /// Ten million pushes of `range(1000)` would take hundreds of gigabytes: they stop at the
    /// limit with a located error, at the loop, after about the limit's worth of values.
    @Test func manyListsStopAtTheMemoryLimit() {
        // (A `while` loop: `range(10000000)` would itself be a list of 10 million elements.)
        let (error, interpreter) = underMemoryLimit(64 << 20, "let l = []\nwhile true { push(l, range(1000)) }")
        // Located at the loop or the call where the check found the limit passed.
        #expect(error.hasPrefix("limit.kan:2:"), "\(error)")
        #expect(error.contains(": memory limit of 64 MB reached: the program's values hold 64"), "\(error)")
        #expect(error.hasSuffix("(raise the limit with --memory-limit SIZE or KAN_MEMORY_LIMIT, or free values by setting their variables to nil)"))
        do {
            guard case .list(let list)? = interpreter.global("l") else {
                Issue.record("l is not a list")
                return
            }
            let perList = 1001 * MemoryBudget.bytesPerElement
            #expect(abs(list.elements.count - (64 << 20) / perList) <= 2, "\(list.elements.count) lists")
        }
        // Freed values give their bytes back: the session goes on.
        #expect((try? interpreter.evaluateLine("l = nil\nlen(range(1000))"))?.numberValue == 1000)
        #expect(interpreter.memoryBudget.bytesInUse < 1 << 20)
    }

    @Test func recordsDatasetsAndModelsCountToo() {
        let records = underMemoryLimit(32 << 20, "let r = {}\nlet i = 0\nwhile true { r[str(i)] = i\ni = i + 1 }").0
        #expect(records.hasPrefix("limit.kan:3:") && records.contains(": memory limit of 32 MB reached"), "\(records)")
        let data = "symbols x\nlet ds = []\nwhile true { push(ds, dataset(x^2, ranges: {x: [0, 1]}, n: 100000)) }"
        let datasets = underMemoryLimit(32 << 20, data).0
        #expect(datasets.hasPrefix("limit.kan:3:") && datasets.contains(": memory limit of 32 MB reached"), "\(datasets)")
        let models = underMemoryLimit(32 << 20, "let ms = []\nwhile true { push(ms, kan([2, 100, 1], grid: 100)) }").0
        #expect(models.hasPrefix("limit.kan:2:") && models.contains(": memory limit of 32 MB reached"), "\(models)")
        // The same work within the limit, freeing as it goes, never reaches it.
        #expect(underMemoryLimit(32 << 20, "for i in range(2000) { let l = range(10000) }\nprint(1)").0 == "no error")
    }

    @Test func memorySizesReadAndPrint() {
        #expect(MemoryBudget.parse("4GB") == 4 << 30)
        #expect(MemoryBudget.parse("512M") == 512 << 20)
        #expect(MemoryBudget.parse("1.5 GiB") == 3 << 29)
        #expect(MemoryBudget.parse("100k") == 100 << 10)
        #expect(MemoryBudget.parse("1000000") == 1_000_000)
        for bad in ["", "0", "-1G", "4XB", "GB", "1e400", "nan"] { #expect(MemoryBudget.parse(bad) == nil, "\(bad)") }
        #expect(MemoryBudget.describe(4 << 30) == "4 GB")
        #expect(MemoryBudget.describe(3 << 29) == "1.5 GB")
        #expect(MemoryBudget.describe(800) == "800 bytes")
        #expect(MemoryBudget.defaultLimit > 0 && UInt64(MemoryBudget.defaultLimit) <= ProcessInfo.processInfo.physicalMemory / 2)
    }

    /// Sharing makes a list whose text is 2^60 elements long from 60 short steps.
    @Test func textOfSharedListsIsBounded() {
        let doubling = "let l = [1]\nfor i in range(60) { l = [l, l] }\n"
        #expect(located(doubling + "str(l)") == "limit.kan:3:4: the text would be longer than 100000000 bytes")
        #expect(located(doubling + "print(1, l)") == "limit.kan:3:6: the text would be longer than 100000000 bytes")
        #expect(located(doubling + "join([l], \", \")") == "limit.kan:3:5: the text would be longer than 100000000 bytes")
        let big = "let s = \"abcdefghij\"\nwhile len(s) < 50000000 { s = s + s }\n"
        #expect(located(big + "join([s, s, s], \"\")") == "limit.kan:3:5: the text would be longer than 100000000 bytes")
        // The REPL's display is cut instead, ending in an ellipsis.
        let interpreter = makeInterpreter(OutputCapture())
        let shown = (try? interpreter.evaluateLine(doubling + "l")).map { ValueFormatter.describe($0) } ?? ""
        #expect(shown.hasSuffix("…"))
        #expect(shown.utf8.count <= ValueFormatter.maxLength + 3)
        #expect(ValueFormatter.describe(.string("αβγ"), limit: 3) == "α…")
    }

    // MARK: Syntax

    @Test(arguments: ["(", "[", "{", "-", "f(", "if true {", "x -> "])
    func aMillionOpeningsAreANestingError(opening: String) {
        let source = String(repeating: opening, count: 1_000_000 / opening.count)
        let diagnostics = RobustnessTests().check(source)
        #expect(diagnostics.contains { $0.message == "nesting is too deep (more than 1000 levels)" }, "\(diagnostics.first?.message ?? "")")
        #expect(diagnostics.allSatisfy { $0.location?.line == 1 })
    }

    @Test func hugeNumberLiterals() {
        #expect(located("let a = 1e999999") == "limit.kan:1:9: number literal '1e999999' is too large")
        let million = "1" + String(repeating: "0", count: 1_000_000)
        #expect(located("let a = " + million).hasPrefix("limit.kan:1:9: number literal '10000000"))
        #expect(located("let a = " + million).hasSuffix("' is too large"))
        // Below the smallest Double a literal reads as 0 (as in C, Swift and Python).
        #expect(output(of: "print(1e-999999, 0." + String(repeating: "0", count: 1_000_000) + "1)") == "0 0\n")
        // Large but finite: exact while small, a Double after that.
        #expect(output(of: "print(2^1023 * 2 == 1/0, 10^308)") == "true 1e+308\n")
    }

    @Test func unterminatedStringsAtTheEnd() {
        #expect(located("print(\"abc") == "limit.kan:1:7: unterminated string literal")
        #expect(located("let s = \"abc\\") == "limit.kan:1:9: unterminated string literal")
        #expect(located("# a comment to the end without a line break") == "no error")
    }

    /// Bytes that are not UTF-8, in a string, in a name, after a long valid prefix.
    @Test func invalidUTF8IsLocated() throws {
        let directory = temporaryDirectory()
        let cases: [([UInt8], String)] = [
            (Array("let s = \"a".utf8) + [0xFF] + Array("\"\n".utf8), "1:11"),
            (Array("let x = 1\nlet na".utf8) + [0xC3, 0x28] + Array("me = 2\n".utf8), "2:7"),
            (Array("let é = 1\n\n  ".utf8) + [0x80], "3:3"),
            ([0xFE, 0xFF, 0x00, 0x6C], "1:1"),
        ]
        for (index, (bytes, position)) in cases.enumerated() {
            let url = directory.appendingPathComponent("bad\(index).kan")
            try Data(bytes).write(to: url)
            let interpreter = makeInterpreter(OutputCapture())
            do {
                try interpreter.run(file: url.path)
                Issue.record("no error for case \(index)")
            } catch {
                #expect(error.items.map(\.message) == ["invalid UTF-8 in source file"])
                #expect(error.items.first?.location?.description == "\(url.path):\(position)")
            }
        }
    }

    @Test func nulBytes() {
        #expect(located("let a\0b = 1") == "limit.kan:1:6: unexpected character '\\0'")
        #expect(output(of: "let s = \"a\0b\"\nprint(len(s), s == \"a\\0b\")") == "3 true\n")
        // A path with a NUL would be written as a file named a%00b: an error instead.
        let data = "symbols x\nlet d = dataset(x, ranges: {x: [0, 1]}, n: 3)\n"
        #expect(located(data + "save_csv(d, \"a\\0b\")") == "limit.kan:3:13: path must not contain a NUL character (\\0)")
        #expect(located("save_model(kan([1, 1]), \"\")") == "limit.kan:1:25: path must not be empty")
        #expect(located("load_csv(\"\\0\")") == "limit.kan:1:10: path must not contain a NUL character (\\0)")
    }

    // MARK: Exact arithmetic

    @Test func divisionByZeroInExpressions() {
        #expect(located("symbols x\nx / 0") == "limit.kan:2:3: division of an expression by zero")
        #expect(located("symbols x\nx / (x - x)") == "limit.kan:2:3: division of an expression by zero")
        #expect(located("symbols x\n(x + 1) ^ -1 * 0 + x^(1 - 1) / (2 - 2)") == "limit.kan:2:30: division of an expression by zero")
        // Numbers are IEEE doubles: 1/0 is inf, and it cannot enter an expression.
        #expect(output(of: "print(1/0, -1/0, 0/0)") == "inf -inf nan\n")
        #expect(located("symbols x\nx + 1/0") == "limit.kan:2:3: inf is not a finite number and cannot be part of an expression")
        #expect(located("symbols x\nx * (0/0)") == "limit.kan:2:3: nan is not a finite number and cannot be part of an expression")
        #expect(located("symbols x\nsubs(1/x, {x: 0})") == "limit.kan:2:5: subs: the result is undefined (a division by zero, or a function outside its domain such as log(0))")
    }
}
