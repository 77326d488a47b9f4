import Discovery
import Foundation
import Symbolic

/// `count` samples of `f` at uniform random points of [low, high]^dimension, with Gaussian
/// noise of `noise` times the clean target's standard deviation.
func formulaData(
    dimension: Int, count: Int, in range: ClosedRange<Double> = -1...1, noise: Double = 0,
    seed: UInt64, _ f: ([Double]) -> Double
) -> FormulaData {
    var generator = SeededGenerator(seed: seed)
    var columns = [[Double]](repeating: [], count: dimension)
    var target: [Double] = []
    for _ in 0..<count {
        let point = (0..<dimension).map { _ in Double.random(in: range, using: &generator) }
        for i in 0..<dimension { columns[i].append(point[i]) }
        target.append(f(point))
    }
    if noise > 0 {
        let scale = FormulaData(columns: columns, target: target).targetScale
        target = target.map { $0 + noise * scale * generator.normal() }
    }
    return FormulaData(columns: columns, target: target)
}

/// θn.
func θ(_ index: Int) -> Expr { ParametricFormula.parameter(index) }

/// A formula over `variables` whose parameters θ0, θ1, … take `values` in order.
func parametric(_ expression: Expr, _ variables: [String], _ values: [Double]) -> ParametricFormula {
    ParametricFormula(
        expression: expression, variables: variables,
        parameterNames: values.indices.map(ParametricFormula.parameterName), parameterValues: values)
}

/// The largest |f − g| over the samples, relative to max(1, |f|).
func largestDifference(_ f: ParametricFormula, _ g: ParametricFormula, on data: FormulaData) -> Double {
    let a = f.evaluate(columns: data.columns), b = g.evaluate(columns: data.columns)
    var worst = 0.0
    for (u, v) in zip(a, b) { worst = max(worst, abs(u - v) / max(1, abs(u))) }
    return a.count == b.count && a.allSatisfy(\.isFinite) && b.allSatisfy(\.isFinite) ? worst : .infinity
}
