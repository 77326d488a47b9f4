import Discovery
import Exact
import Foundation
import Symbolic
import Testing

@Suite struct ParametricFormulaTests {
    let x = Expr.symbol("x")
    let a = ParametricFormula.parameter(0), b = ParametricFormula.parameter(1)

    @Test func parameterNamesRoundTrip() {
        #expect(ParametricFormula.parameterName(3) == "θ3")
        #expect(ParametricFormula.parameterIndex("θ12") == 12)
        #expect(ParametricFormula.parameterIndex("θ") == nil)
        #expect(ParametricFormula.parameterIndex("θ01") == nil)
        #expect(ParametricFormula.parameterIndex("x1") == nil)
    }

    @Test func evaluatesWithCurrentValues() {
        let f = ParametricFormula(expression: a * Expr.sin(x) + b, variables: ["x"],
                                  parameterNames: ["θ0", "θ1"], parameterValues: [2, 0.5])
        let values = f.evaluate(columns: [[0, 1]])
        #expect(values.count == 2)
        #expect(values[0] == 0.5)
        #expect(abs(values[1] - (2 * sin(1.0) + 0.5)) < 1e-15)
        #expect(f.isWellFormed)
    }

    @Test func fixingSubstitutesAnExactNumber() {
        let f = ParametricFormula(expression: a * x + b, variables: ["x"],
                                  parameterNames: ["θ0", "θ1"], parameterValues: [2, 0.5])
        let g = f.fixing("θ1", to: .zero)
        #expect(g.parameterNames == ["θ0"])
        #expect(g.expression == a * x)
        #expect(g.substituting() == Expr(2) * x)
    }

    @Test func unsnappedConstantsPrintAsShortDecimals() throws {
        let f = ParametricFormula(expression: a * x, variables: ["x"],
                                  parameterNames: ["θ0"], parameterValues: [1 / Double.pi])
        let expected = try Rational(parsing: "0.318310")
        #expect(f.substituting() == Expr(expected) * x)
        let tenth = try Rational(1, 10)
        #expect(Rational.decimal(0.1, significantDigits: 6) == tenth)
        #expect(Rational.decimal(.nan, significantDigits: 6) == nil)
    }

    @Test func unknownSymbolEvaluatesToNaN() {
        let f = ParametricFormula(expression: x + .symbol("y"), variables: ["x"],
                                  parameterNames: [], parameterValues: [])
        #expect(!f.isWellFormed)
        #expect(f.evaluate(columns: [[1, 2]]).allSatisfy { $0.isNaN })
    }
}
