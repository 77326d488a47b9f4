import Foundation
import Testing
@testable import KanLang
@testable import KanLangCore

@Suite("REPL support")
struct ReplSupportTests {
    @Test func completeness() {
        #expect(Interpreter.isComplete("1 + 2"))
        #expect(Interpreter.isComplete(""))
        #expect(Interpreter.isComplete("fn f() { return 1 }"))
        #expect(!Interpreter.isComplete("fn f() {"))
        #expect(!Interpreter.isComplete("print(1,"))
        #expect(!Interpreter.isComplete("let xs = [1, 2"))
        #expect(!Interpreter.isComplete("let s = \"abc"))
        #expect(!Interpreter.isComplete("let a = 1 +"))
        #expect(!Interpreter.isComplete("let f = x ->"))
        #expect(!Interpreter.isComplete("let a = 1 \\"))
        #expect(Interpreter.isComplete("if true {\n  print(1)\n}"))
        #expect(Interpreter.isComplete("let a = (1))"))  // an error, but more lines would not help
    }

    @Test func completions() throws {
        let interpreter = makeInterpreter(OutputCapture())
        _ = try interpreter.evaluateLine("let prefactor = 1")
        #expect(interpreter.completions(prefix: "pr") == ["predict", "prefactor", "primitive", "print", "prune"])
        #expect(interpreter.completions(prefix: "whi") == ["while"])
        #expect(interpreter.completions(prefix: "si").contains("sin"))
    }

    @Test func interruptStopsALoop() throws {
        let capture = OutputCapture()
        let interpreter = makeInterpreter(capture)
        // A run clears any earlier interrupt: interrupt once the loop has printed that it runs.
        let stopper = Thread { [interpreter, capture] in
            let deadline = Date().addingTimeInterval(60)
            while capture.text.isEmpty && Date() < deadline { usleep(1_000) }
            interpreter.interrupt()
        }
        stopper.start()
        do {
            try interpreter.run(source: "let i = 0\nprint(\"looping\")\nwhile true { i = i + 1 }", fileName: "loop.kan")
            Issue.record("the loop should have been interrupted")
        } catch {
            #expect(error.items.first?.message == "interrupted")
            #expect(error.items.first?.location?.line == 3)
        }
        // The next run starts afresh.
        #expect(try interpreter.evaluateLine("1 + 1")?.description == "2")
    }

    @Test func lastExpressionValue() throws {
        let interpreter = makeInterpreter(OutputCapture())
        #expect(try interpreter.run(source: "let a = 2\na * 21", fileName: "-e")?.description == "42")
        #expect(try interpreter.run(source: "let b = 1", fileName: "-e") == nil)
        #expect(try interpreter.evaluateLine("\"text\"")?.description == "\"text\"")
    }

    @Test func fieldCompletionsAfterADot() throws {
        let interpreter = makeInterpreter(OutputCapture())
        _ = try interpreter.evaluateLine("let r = {alpha: 1, beta: {gamma: 2}, \"two words\": 3}")
        #expect(interpreter.completions(prefix: "r.") == ["r.alpha", "r.beta"])
        #expect(interpreter.completions(prefix: "r.be") == ["r.beta"])
        #expect(interpreter.completions(prefix: "r.beta.g") == ["r.beta.gamma"])
        #expect(interpreter.completions(prefix: "r.nothing.") == [])
        #expect(interpreter.completions(prefix: "undefined.x") == [])
        _ = try interpreter.evaluateLine("symbols x, y\nlet d = dataset(x*y, ranges: {x: [0, 1], y: [0, 1]}, n: 20)")
        #expect(interpreter.completions(prefix: "d.i") == ["d.inputs"])
        #expect(interpreter.completions(prefix: "d.") == ["d.columns", "d.f", "d.inputs", "d.n", "d.target", "d.x", "d.y"])
    }

    @Test func inputsAreNamedAndErrorsInFunctionsShowTheirCalls() throws {
        let interpreter = makeInterpreter(OutputCapture())
        _ = try interpreter.evaluateLine("fn f(a) {\n  a / \"x\"\n}", name: "<repl-1>")
        _ = try interpreter.evaluateLine("fn g(b) { f(b) }", name: "<repl-2>")
        do {
            _ = try interpreter.evaluateLine("g(1)", name: "<repl-3>")
            Issue.record("expected an error")
        } catch {
            #expect(error.rendered == """
                <repl-1>:2:5: error: operator '/' cannot be applied to number and string
                  a / "x"
                    ^
                <repl-2>:1:12: note: in a call of 'f'
                fn g(b) { f(b) }
                           ^
                <repl-3>:1:2: note: in a call of 'g'
                g(1)
                 ^

                """)
        }
        // Deep recursion keeps a few frames and counts the rest.
        do {
            _ = try interpreter.evaluateLine("fn down(n) { if n == 0 { return 1 / \"x\" } return down(n - 1) }\ndown(20)")
        } catch {
            #expect(error.items.count == 1 + KanError.maxFrames + 1)
            #expect(error.items.last?.message == "and 13 more calls further out")
        }
    }

    @Test func aTablePrintedByABuiltinIsNotEchoed() throws {
        let interpreter = makeInterpreter(OutputCapture())
        _ = try interpreter.evaluateLine("let l = [1, 2]")
        #expect(try interpreter.evaluateLine("l") != nil)
        #expect(!interpreter.lastValueWasDisplayed)
        // Any list a builtin marks as shown; a new run forgets it.
        let list = try #require(try interpreter.evaluateLine("l"))
        interpreter.noteDisplayed(list)
        #expect(interpreter.lastValueWasDisplayed)
        _ = try interpreter.evaluateLine("l")
        #expect(!interpreter.lastValueWasDisplayed)
    }

    @Test func previewsAreShort() throws {
        let interpreter = makeInterpreter(OutputCapture())
        let long = try #require(try interpreter.evaluateLine("range(200000)"))
        #expect(ValueFormatter.preview(long)
            == "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …, 199990, 199991, 199992, 199993, 199994, 199995, 199996, 199997, 199998, 199999] (200000 elements)")
        #expect(ValueFormatter.preview(try #require(try interpreter.evaluateLine("range(3)"))) == "[0, 1, 2]")
        #expect(ValueFormatter.preview(try #require(try interpreter.evaluateLine("\"kan\""))) == "\"kan\"")
        let nested = try #require(try interpreter.evaluateLine("[range(30), 1]"))
        #expect(ValueFormatter.preview(nested).hasPrefix("[[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …, 20, "))
        let text = try #require(try interpreter.evaluateLine("let s = \"a\"\nfor i in range(13) { s = s + s }\ns"))
        let shown = ValueFormatter.preview(text)
        #expect(shown.hasSuffix("… (8192 characters)"))
        #expect(shown.utf8.count < 4_100)
        let record = try #require(try interpreter.evaluateLine("let r = {}\nfor i in range(30) { r[str(i)] = i }\nr"))
        #expect(ValueFormatter.preview(record, elements: 4) == "{\"0\": 0, \"1\": 1, …, \"28\": 28, \"29\": 29} (30 fields)")
    }
}
