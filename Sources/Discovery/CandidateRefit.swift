import Foundation
import Symbolic

/// The joint Levenberg–Marquardt refit of a candidate formula's parameters on data, as the
/// candidate search needs it: fast, allocation-light, never throwing.
///
///     let refit = CandidateRefit(formula)                       // compiles f and ∂f/∂θ_k once
///     let fitted = refit?.fit(columns: xs, target: y)           // θ minimising Σ (y − f(x; θ))²
///
/// f and every ∂f/∂θ_k are compiled once (`Symbolic`), the parameters passed as constant
/// columns. Each iteration solves (JᵀJ + μ·diag(JᵀJ))·δ = Jᵀr by Cholesky; a step that does not
/// lower the squared error (or is not finite) is rejected and μ grows ×4, an accepted one
/// shrinks it ÷3. Iteration stops when the error no longer drops by more than a relative 1e-12,
/// or after `maximumIterations`.
///
/// This is the Discovery stage's own refit for scoring many candidates; the formula stage's
/// refit (`ParametricFormula`'s) serves the final report.
struct CandidateRefit {
    let formula: ParametricFormula
    let function: CompiledExpression
    let gradient: [CompiledExpression]

    init?(_ formula: ParametricFormula) {
        let names = formula.variables + formula.parameterNames
        guard let function = try? formula.expression.compile(variables: names) else { return nil }
        var gradient: [CompiledExpression] = []
        for name in formula.parameterNames {
            guard let partial = try? formula.expression.derivative(withRespectTo: name).compile(variables: names)
            else { return nil }
            gradient.append(partial)
        }
        self.formula = formula
        self.function = function
        self.gradient = gradient
    }

    /// f(x; θ) on the rows of `columns`.
    func predict(columns: [[Double]], parameters: [Double]) -> [Double] {
        let n = columns.first?.count ?? 0
        return function.evaluate(columns: columns + parameters.map { [Double](repeating: $0, count: n) })
    }

    /// Σ (y − f)², ∞ when any prediction is not finite.
    static func sumOfSquares(_ predicted: [Double], _ target: [Double]) -> Double {
        var sse = 0.0
        for (p, y) in zip(predicted, target) {
            let r = y - p
            sse += r * r
        }
        return sse.isFinite ? sse : .infinity
    }

    /// The parameters minimising the squared error on (columns, target), starting from the
    /// formula's values, with the root-mean-square error reached.
    func fit(columns: [[Double]], target: [Double], maximumIterations: Int = 100) -> (formula: ParametricFormula, rootMeanSquareError: Double) {
        let n = target.count
        var theta = formula.parameterValues
        var sse = Self.sumOfSquares(predict(columns: columns, parameters: theta), target)
        let p = theta.count
        var mu = 1e-3
        if p > 0 && sse.isFinite && n > 0 {
            var residual = [Double](repeating: 0, count: n)
            for _ in 0..<maximumIterations {
                let constants = theta.map { [Double](repeating: $0, count: n) }
                let all = columns + constants
                let predicted = function.evaluate(columns: all)
                for s in 0..<n { residual[s] = target[s] - predicted[s] }
                let jacobian = gradient.map { $0.evaluate(columns: all) }
                var normal = [Double](repeating: 0, count: p * p)
                var rhs = [Double](repeating: 0, count: p)
                var finite = true
                for i in 0..<p {
                    let ji = jacobian[i]
                    var g = 0.0
                    for s in 0..<n { g += ji[s] * residual[s] }
                    rhs[i] = g
                    for k in 0...i {
                        let jk = jacobian[k]
                        var a = 0.0
                        for s in 0..<n { a += ji[s] * jk[s] }
                        normal[i * p + k] = a
                        normal[k * p + i] = a
                    }
                    if !g.isFinite { finite = false }
                }
                guard finite, normal.allSatisfy(\.isFinite) else { break }
                var accepted = false
                var converged = false
                for _ in 0..<12 {
                    var damped = normal
                    for i in 0..<p { damped[i * p + i] += mu * (normal[i * p + i] + 1e-12) }
                    guard let step = Self.solveCholesky(damped, rhs, p) else { mu *= 4; continue }
                    let trial = zip(theta, step).map { $0 + $1 }
                    let trialSSE = Self.sumOfSquares(predict(columns: columns, parameters: trial), target)
                    if trialSSE < sse {
                        converged = sse - trialSSE <= 1e-12 * sse
                        theta = trial
                        sse = trialSSE
                        mu = Swift.max(mu / 3, 1e-15)
                        accepted = true
                        break
                    }
                    mu *= 4
                }
                if !accepted || converged || sse == 0 { break }
            }
        }
        return finish(theta, sse, n)
    }

    private func finish(_ theta: [Double], _ sse: Double, _ n: Int) -> (formula: ParametricFormula, rootMeanSquareError: Double) {
        var result = formula
        result.parameterValues = theta
        return (result, n > 0 ? (sse / Double(n)).squareRoot() : .infinity)
    }

    /// Solves A·x = b for symmetric positive definite A (p × p, row-major); nil if not PD.
    static func solveCholesky(_ a: [Double], _ b: [Double], _ p: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0...i {
                var sum = a[i * p + j]
                for k in 0..<j { sum -= l[i * p + k] * l[j * p + k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    l[i * p + i] = sum.squareRoot()
                } else {
                    l[i * p + j] = sum / l[j * p + j]
                }
            }
        }
        var y = [Double](repeating: 0, count: p)
        for i in 0..<p {
            var sum = b[i]
            for k in 0..<i { sum -= l[i * p + k] * y[k] }
            y[i] = sum / l[i * p + i]
        }
        var x = [Double](repeating: 0, count: p)
        for i in stride(from: p - 1, through: 0, by: -1) {
            var sum = y[i]
            for k in (i + 1)..<p { sum -= l[k * p + i] * x[k] }
            x[i] = sum / l[i * p + i]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }
}
