import Discovery
import Foundation
import Symbolic
import Testing

@Suite struct FormulaFitTests {
    let x = Expr.symbol("x")

    @Test func recoversKnownParametersOnNoiselessData() throws {
        let data = formulaData(dimension: 1, count: 300, seed: 11) { 2 * sin(1.5 * $0[0] + 0.3) - 0.7 }
        let start = parametric(θ(0) * Expr.sin(θ(1) * x + θ(2)) + θ(3), ["x"], [1.8, 1.4, 0.2, -0.5])
        let fitted = try FormulaFit().fit(start, to: data).get()
        let truth = [2, 1.5, 0.3, -0.7]
        for (value, expected) in zip(fitted.formula.parameterValues, truth) {
            #expect(abs(value - expected) < 1e-10, "\(fitted.formula.parameterValues)")
        }
        #expect(fitted.rmse / data.targetScale < 1e-12, "relative RMSE \(fitted.rmse / data.targetScale)")
        #expect(fitted.rmse.isFinite)
    }

    /// A time limit or Ctrl-C stops a fit between iterations: a fit on 100,000 rows runs for
    /// seconds, and `discover` must end within a few percent of its limit.
    @Test func aStoppedFitFailsAsInterrupted() throws {
        let data = formulaData(dimension: 1, count: 300, seed: 11) { 2 * sin(1.5 * $0[0] + 0.3) - 0.7 }
        let start = parametric(θ(0) * Expr.sin(θ(1) * x + θ(2)) + θ(3), ["x"], [1.8, 1.4, 0.2, -0.5])
        let checks = CallCounter()
        let result = FormulaFit().fit(start, to: data, shouldStop: { checks.increment() > 2 })
        #expect(result == .failure(.interrupted))
        #expect(checks.value == 4, "checked before each of the 3 iterations begun")
        // Never stopped, it is the ordinary fit.
        let free = try FormulaFit().fit(start, to: data, shouldStop: { false }).get()
        #expect(free == (try FormulaFit().fit(start, to: data).get()))
    }

    @Test func twoVariablesExponential() throws {
        let data = formulaData(dimension: 2, count: 300, seed: 12) { exp(0.5 * $0[0]) * $0[1] + 1.25 }
        let y = Expr.symbol("y")
        let start = parametric(θ(0) * Expr.exp(θ(1) * x) * y + θ(2), ["x", "y"], [1.2, 0.3, 1])
        let fitted = try FormulaFit().fit(start, to: data).get()
        #expect(abs(fitted.formula.parameterValues[0] - 1) < 1e-10)
        #expect(abs(fitted.formula.parameterValues[1] - 0.5) < 1e-10)
        #expect(abs(fitted.formula.parameterValues[2] - 1.25) < 1e-10)
        #expect(fitted.rmse / data.targetScale < 1e-12)
    }

    @Test func stepsIntoNaNAreRejected() throws {
        // √(x + θ0) on x ∈ [0, 1]: steps that make x + θ0 < 0 somewhere give NaN.
        let data = formulaData(dimension: 1, count: 200, in: 0...1, seed: 13) { 1.5 * ($0[0] + 0.05).squareRoot() }
        let start = parametric(θ(0) * Expr.sqrt(x + θ(1)), ["x"], [1, 0.6])
        let fitted = try FormulaFit().fit(start, to: data).get()
        #expect(fitted.formula.parameterValues.allSatisfy { $0.isFinite })
        #expect(fitted.rmse.isFinite)
        #expect(abs(fitted.formula.parameterValues[0] - 1.5) < 1e-8)
        #expect(abs(fitted.formula.parameterValues[1] - 0.05) < 1e-8)
    }

    @Test func formulaNotFiniteOnTheDataFailsCleanly() {
        let data = formulaData(dimension: 1, count: 50, seed: 14) { $0[0] }
        let start = parametric(Expr.log(x + θ(0)), ["x"], [-5])
        switch FormulaFit().fit(start, to: data) {
        case .success: Issue.record("a formula that is NaN on the data was fitted")
        case .failure(let error): #expect(error == .notFiniteOnData)
        }
    }

    @Test func malformedAndEmpty() {
        let data = formulaData(dimension: 1, count: 10, seed: 15) { $0[0] }
        let unknown = parametric(Expr.symbol("z") * θ(0), ["x"], [1])
        if case .success = FormulaFit().fit(unknown, to: data) { Issue.record("unknown symbol fitted") }
        let empty = FormulaData(columns: [[]], target: [])
        if case .success = FormulaFit().fit(parametric(θ(0) * x, ["x"], [1]), to: empty) { Issue.record("fitted no data") }
    }
}


/// Counts calls (from one thread).
final class CallCounter: @unchecked Sendable {
    private(set) var value = 0
    /// The count before this call.
    func increment() -> Int {
        defer { value += 1 }
        return value
    }
}
