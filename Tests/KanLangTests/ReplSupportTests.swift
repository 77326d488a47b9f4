import Foundation
import Testing
@testable import KanLang

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
        let interpreter = makeInterpreter(OutputCapture())
        let stopper = Thread { [interpreter] in
            Thread.sleep(forTimeInterval: 0.2)
            interpreter.interrupt()
        }
        stopper.start()
        do {
            try interpreter.run(source: "let i = 0\nwhile true { i = i + 1 }", fileName: "loop.kan")
            Issue.record("the loop should have been interrupted")
        } catch {
            #expect(error.items.first?.message == "interrupted")
            #expect(error.items.first?.location?.line == 2)
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
}
