@testable import Discovery
import Foundation
import Symbolic
import Testing

/// Recombining the parts of a split (`SurrogateSplit.combine`) and choosing which parts to
/// combine (`DecompositionStage.combinations`).
@Suite struct SurrogateSplitTests {
    let names = ["x1", "x2", "x3"]

    func part(_ text: String, variables: [String], _ values: [Double]) throws -> ParametricFormula {
        let expression = try Expr(parsing: text)
        let parameters = values.indices.map(ParametricFormula.parameterName)
        return ParametricFormula(expression: expression, variables: variables, parameterNames: parameters, parameterValues: values)
    }

    @Test func aSumOfSquaresIsRecombinedUnderTheSquareRootWithOneConstant() throws {
        let data = table({ ($0[0] * $0[0] + $0[1] * $0[1] + $0[2] * $0[2] + 2).squareRoot() }, ranges: [1...3, 1...3, 1...3], count: 200, seed: 1)
        let fit = FormulaData(columns: data.columns, target: data.target)
        let split = SurrogateSplit(kind: .sum(.square), groups: [[0], [1], [2]])
        // Each part fitted with a constant of its own: the constants would be degenerate together.
        let parts = [
            try part("θ0*x1^2 + θ1", variables: ["x1"], [1, 4]),
            try part("θ0*x2^2 + θ1", variables: ["x2"], [1, 5]),
            try part("θ0*x3^2 + θ1", variables: ["x3"], [1, 6]),
        ]
        let combined = try #require(split.combine(parts, names: names, fit: fit))
        #expect(combined.parameterCount == 4, "\(combined.expression)")
        #expect(combined.expression == (try Expr(parsing: "sqrt(θ6 + θ0*x1^2 + θ2*x2^2 + θ4*x3^2)")), "\(combined.expression)")
        // The parts' own constants (4, 5, 6) are dropped; θ starts at the least-squares
        // constant of y² − Σ parts, 2.
        #expect(Swift.abs(combined.parameterValues[3] - 2) < 1e-9, "\(combined.parameterValues)")
        #expect(split.summary(names: names) == "y^2 = f(x1) + f(x2) + f(x3)")
    }

    @Test func aProductIsRecombinedWithOneScale() throws {
        let data = table({ 3 * $0[0] * sin($0[1] + $0[2]) }, ranges: [1...2, 0...1, 0...1], count: 200, seed: 2)
        let fit = FormulaData(columns: data.columns, target: data.target)
        let split = SurrogateSplit(kind: .product, groups: [[0], [1, 2]])
        let parts = [
            try part("θ0*x1", variables: ["x1"], [2]),
            try part("θ0*sin(x2 + x3)", variables: ["x2", "x3"], [7]),
        ]
        let combined = try #require(split.combine(parts, names: names, fit: fit))
        #expect(combined.expression == (try Expr(parsing: "θ2*x1*sin(x2 + x3)")), "\(combined.expression)")
        #expect(Swift.abs(combined.parameterValues[0] - 3) < 1e-9, "\(combined.parameterValues)")
        #expect(split.summary(names: names) == "y = f(x1)*f(x2, x3)")
    }

    @Test func aConstantPartCannotBeRecombined() throws {
        let data = table({ $0[0] + $0[1] }, ranges: [1...2, 1...2, 1...2], count: 50, seed: 3)
        let split = SurrogateSplit(kind: .sum(.identity), groups: [[0], [1, 2]])
        let parts = [try part("x1", variables: ["x1"], []), try part("θ0", variables: ["x2", "x3"], [1])]
        #expect(split.combine(parts, names: names, fit: FormulaData(columns: data.columns, target: data.target)) == nil)
    }

    @Test func combinationsComeBestRanksFirstAndBounded() {
        let all = DecompositionStage.combinations(ranks: [3, 3], limit: 4)
        #expect(all.count == 4)
        #expect(all[0] == [0, 0])
        #expect(Set(all[1...2].map { $0 }) == [[0, 1], [1, 0]])
        #expect(all[3].reduce(0, +) == 2)
        #expect(DecompositionStage.combinations(ranks: [2, 0], limit: 4).isEmpty)
        #expect(DecompositionStage.combinations(ranks: [1, 1, 1], limit: 9) == [[0, 0, 0]])
    }
}
