import Testing
@testable import KanLang
@testable import KanLangCore

/// A function body's last expression statement is its value; and the REPL's view
/// of the globals.
@Suite("Function values and globals")
struct FunctionValueTests {
    @Test func lastExpressionIsTheValue() {
        #expect(value(of: "fn f(a) { a + 1 }; f(2)") == "3")
        #expect(value(of: "let g = x -> { let y = x * 2; y + 1 }; g(3)") == "7")
        #expect(value(of: "fn h(a) { if a > 0 { return \"pos\" }; \"other\" }; [h(1), h(-1)]") == "[\"pos\", \"other\"]")
        #expect(value(of: "fn k() { let a = 1 }; k()") == "nil")
        #expect(value(of: "fn w() { while false {} }; w()") == "nil")
        #expect(value(of: "fn n() { if true { 5 } }; n()") == "nil")
        #expect(value(of: "fn e() { }; e()") == "nil")
    }

    @Test func globalNamesAreSorted() throws {
        let interpreter = makeInterpreter(OutputCapture())
        _ = try interpreter.evaluateLine("let zeta = 1; let alpha = 2; fn mid() {}")
        #expect(interpreter.globalNames == ["alpha", "args", "e", "mid", "pi", "zeta"])
    }
}
