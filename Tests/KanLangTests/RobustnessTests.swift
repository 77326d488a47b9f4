import Foundation
import Testing
@testable import KanLang
@testable import KanLangCore

/// Any input gives a located error or runs: never a crash, a hang or a stack overflow.
@Suite("Robustness")
struct RobustnessTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    /// Runs with tight limits; returns the diagnostics (empty when the script ran).
    func check(_ source: String) -> [Diagnostic] {
        let interpreter = makeInterpreter(OutputCapture()) {
            $0.maxSteps = 20_000
            $0.maxCallDepth = 200
        }
        do {
            try interpreter.run(source: source, fileName: "fuzz.kan")
            return []
        } catch {
            return error.items
        }
    }

    static let seeds = [
        """
        symbols x, y
        fn f(a, b = 2) { if a > b { return a } else { return b * f(a + 1) } }
        let xs = [1, 2, {k: "v"}]
        for i in range(3) { push(xs, i ^ 2) }
        let g = exp(sin(pi*x) + y^2) / (1/3*x)
        while len(xs) > 2 { pop(xs) }
        primitive sq = x^2 cost 2
        print(map(xs, v -> str(v)), g, f(1))
        """,
        """
        let r = {a: [1, 2], b: (x) -> { return x.a }}
        r.a[0] = -2^2 % 3
        let s = "tab\\t" + str(r["a"]) + "\\u{3b1}"
        if not (1 < 2 and true) || false { print(s) } else if 1 == 1 { print(-1) }
        """,
    ]

    static let fragments = ["(", ")", "[", "]", "{", "}", ",", "\n", "->", "^", "-", "\"", "\\", "#", "let ", "fn ",
                            "if ", "else ", "for ", "in ", "while ", "return ", "break", "x", "1e308", "9e999", ".",
                            ":", "=", "==", "primitive ", "symbols ", "import \"", "\u{FFFD}", "é", "\0", "\t", "f(", ";"]

    @Test func mutatedScriptsNeverCrash() {
        var random = Random(state: 20_261_129)
        var located = 0
        for round in 0..<600 {
            var scalars = Array(Self.seeds[round % Self.seeds.count].unicodeScalars)
            for _ in 0..<(1 + random.below(4)) {
                let position = random.below(scalars.count + 1)
                switch random.below(4) {
                case 0:  // delete a span
                    let end = min(scalars.count, position + 1 + random.below(8))
                    if position < end { scalars.removeSubrange(position..<end) }
                case 1:  // insert a fragment
                    let fragment = Self.fragments[random.below(Self.fragments.count)]
                    scalars.insert(contentsOf: fragment.unicodeScalars, at: position)
                case 2:  // duplicate a span
                    let end = min(scalars.count, position + random.below(20))
                    if position < end { scalars.insert(contentsOf: Array(scalars[position..<end]), at: position) }
                default:  // a random scalar
                    scalars.insert(Unicode.Scalar(UInt8(random.below(128))), at: position)
                }
            }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            if let log = ProcessInfo.processInfo.environment["KAN_FUZZ_LOG"] {
                try? String(text).write(toFile: log, atomically: false, encoding: .utf8)
            }
            let diagnostics = check(String(text))
            for diagnostic in diagnostics {
                #expect(diagnostic.location != nil, "unlocated: \(diagnostic.message)")
                #expect(!diagnostic.rendered.isEmpty)
            }
            if !diagnostics.isEmpty { located += 1 }
        }
        #expect(located > 100)
    }

    @Test func randomBytesNeverCrash() throws {
        var random = Random(state: 7)
        let directory = temporaryDirectory()
        for round in 0..<60 {
            let bytes = (0..<random.below(200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let url = directory.appendingPathComponent("r\(round).kan")
            try Data(bytes).write(to: url)
            let interpreter = makeInterpreter(OutputCapture()) { $0.maxSteps = 1_000 }
            do {
                try interpreter.run(file: url.path)
            } catch {
                #expect(error.items.allSatisfy { $0.location != nil })
            }
        }
    }

    /// A pathological input, shown by name in test output rather than in full.
    struct Pathological: CustomTestStringConvertible, Sendable {
        var name: String
        var source: String
        var testDescription: String { name }
    }

    static let pathological: [Pathological] = [
        Pathological(name: "parentheses", source: String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)),
        Pathological(name: "open lists", source: String(repeating: "[", count: 5_000)),
        Pathological(name: "unary minus", source: String(repeating: "-", count: 50_000) + "1"),
        Pathological(name: "long sum", source: "let a = 1" + String(repeating: " + 1", count: 50_000)),
        Pathological(name: "power tower", source: String(repeating: "2^", count: 20_000) + "1"),
        Pathological(name: "call chain", source: "f" + String(repeating: "()", count: 20_000)),
        Pathological(name: "blocks", source: String(repeating: "{", count: 5_000)),
        Pathological(name: "nested ifs", source: String(repeating: "if true {", count: 3_000)),
        Pathological(name: "lambdas", source: String(repeating: "x -> ", count: 5_000) + "1"),
        Pathological(name: "records", source: "let r = " + String(repeating: "{a: ", count: 3_000)),
    ]

    @Test(arguments: pathological)
    func deepNestingIsAnError(input: Pathological) {
        let source = input.source
        let diagnostics = check(source)
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.location != nil })
        #expect(diagnostics.count <= Parser.maxErrors + 1)
    }

    @Test func deepButAllowedNestingRuns() {
        let depth = Parser.maxDepth / 2 - 10
        let source = "print(" + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + ")"
        #expect(output(of: source) == "1\n")
        let sum = "print(0" + String(repeating: " + 1", count: 400) + ")"
        #expect(output(of: sum) == "400\n")
    }

    @Test func deepRecursionWithinTheLimitRuns() {
        let source = "fn f(n) { if n == 0 { return 0 } return 1 + f(n - 1) }\nprint(f(9000))"
        #expect(output(of: source) { $0.maxCallDepth = 10_000 } == "9000\n")
    }

    @Test func recursionInsideBigExpressionsStopsBeforeTheStackEnds() {
        // Each call sits 900 parser levels deep: the stack, not the call count, runs out first.
        let body = String(repeating: "1 + (", count: 300) + "f(n + 1)" + String(repeating: ")", count: 300)
        let text = output(of: "fn f(n) { return \(body) }\nf(0)") { $0.stackSize = 96 << 20 }
        #expect(text.contains("error: recursion too deep (the interpreter's stack is exhausted)"))
    }

    @Test func growthIsBounded() {
        #expect(check("let s = \"ab\"\nwhile true { s = s + s }").first?.message == "string too long (more than 100000000 bytes)")
        #expect(check("let l = [1]\nwhile true { l = l + l }").first?.message == "list too long (more than 10000000 elements)")
        // Canonical powers keep f*f small (f^2), so the nesting limit is what stops it.
        #expect(check("symbols x\nlet f = x\nwhile true { f = f*f + 1 }").first?.message == "expression too deep (more than 400 levels)")
        #expect(check("symbols x, y\nlet f = x\nwhile true { f = f*(f + y) }").first?.message.hasPrefix("expression too") == true)
    }

    @Test func longRunningScriptsStopAtTheStepBudget() {
        let diagnostics = check("fn f(n) { return f(n) + f(n) }\nf(1)")
        #expect(diagnostics.first?.message.hasPrefix("recursion too deep") == true)
        #expect(check("let i = 0\nwhile true { i = i + 1 }").first?.message == "step limit of 20000 exceeded")
    }
}
