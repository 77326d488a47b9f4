@testable import Discovery
import Exact
import Foundation
import Symbolic
import Testing

/// Formulas that fake their values by cancellation or squeezed arguments are recognised.
@Suite struct ConditioningTests {
    let x = Expr.symbol("x")
    let columns = [stride(from: 1.0, through: 5.0, by: 0.01).map { $0 }]

    func number(_ value: Double) -> Expr {
        .number(Rational.decimal(value, significantDigits: 12) ?? 0)
    }

    @Test func aCancellingPairOfHugeConstantsIsFlagged() {
        // −5.5·10⁹·cos(5·10⁻⁵·x) + 5.5·10⁹ ≈ 6.9·x²: a parabola faked by cancellation.
        let faked = number(5.5e9) - number(5.5e9) * Expr.cos(number(5e-5) * x)
        let problem = Conditioning().problem(faked, variables: ["x"], columns: columns)
        #expect(problem != nil)
    }

    @Test func aSqueezedArgumentIsFlagged() {
        let squeezed = Expr.cos(number(4.8e-6) * x) * number(3)
        let problem = Conditioning().problem(squeezed, variables: ["x"], columns: columns)
        #expect(problem?.contains("argument of cos") == true, "\(problem ?? "nil")")
    }

    @Test func ordinaryLawsAreWellConditioned() {
        for law in [x * x + Expr.sin(x), Expr.exp(-x) + 1000, Expr.log(x) * 3, 1 - Expr.cos(x)] {
            #expect(Conditioning().problem(law, variables: ["x"], columns: columns) == nil, "\(law)")
        }
    }

    @Test func scoringDropsAnIllConditionedCandidate() throws {
        let (data, names) = scoring({ 6.9 * $0[0] * $0[0] }, ranges: [1...5])
        let faked = ParametricFormula(
            expression: ParametricFormula.parameter(0) - ParametricFormula.parameter(0) * Expr.cos(
                ParametricFormula.parameter(1) * .symbol(names[0])),
            variables: names, parameterNames: [0, 1].map(ParametricFormula.parameterName),
            parameterValues: [5.5e9, 5e-5])
        #expect(data.scored(faked, origin: "test") == nil)
        let honest = ParametricFormula(
            expression: ParametricFormula.parameter(0) * .symbol(names[0]) * .symbol(names[0]),
            variables: names, parameterNames: [ParametricFormula.parameterName(0)], parameterValues: [7])
        #expect(data.scored(honest, origin: "test") != nil)
    }

    @Test func functionsOfFittedConstantsAreFolded() {
        let formula = ParametricFormula(
            expression: Expr.sin(ParametricFormula.parameter(0)) * x + Expr.exp(1) * Expr.pi,
            variables: ["x"], parameterNames: [ParametricFormula.parameterName(0)], parameterValues: [0.255832])
        let printed = formula.substituting(significantDigits: 6)
        #expect(!printed.description.contains("sin"), "\(printed)")
        #expect(printed.description.contains("exp(1)") || printed.description.contains("e"), "\(printed)")
        #expect(abs(printed.evaluate(["x": 2]) - (2 * sin(0.255832) + M_E * .pi)) < 1e-5)
    }
}
