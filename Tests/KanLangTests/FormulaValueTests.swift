import Discovery
import Symbolic
import Testing
@testable import KanLang
@testable import KanLangCore

/// Formula values (made by the discovery builtins) in symbolic and scoring builtins.
@Suite("Formula values")
struct FormulaValueTests {
    @Test func formulasWorkWhereExpressionsDo() throws {
        let capture = OutputCapture()
        let interpreter = makeInterpreter(capture)
        let x = Expr.symbol("x"), y = Expr.symbol("y")
        let data = FormulaData(columns: [[0, 1, 2], [1, 1, 1]], target: [0, 1, 2])
        let report = FormulaReport(expression: x * y, variables: ["x", "y"], train: data)
        interpreter.setGlobal("f", .opaque(FormulaValue(report: report)))
        try interpreter.run(source: """
            symbols x, y
            print(type(f), f.variables, f.complexity > 0, f.rmse, f.r2, f.test_rmse)
            print(f.text, f.sympy, f.expression == x*y, evaluate(f, {x: 2, y: 3}), diff(f, x))
            let d = dataset(f, ranges: {x: [0, 1], y: [0, 1]}, n: 10)
            print(rmse(f, d), latex(f))
            print(f)
            """, fileName: "f.kan")
        #expect(capture.text == """
            formula ["x", "y"] true 0 1 nil
            x*y x*y true 6 y
            0 x y
            x*y   (rmse 0)

            """)
    }
}
