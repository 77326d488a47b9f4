import Foundation
import Symbolic

/// Data for fitting and scoring a formula: one column per variable (in the formula's
/// `variables` order) and the target values.
public struct FormulaData: Sendable, Hashable {
    /// `columns[i][s]` is variable i at sample s.
    public var columns: [[Double]]
    public var target: [Double]

    public init(columns: [[Double]], target: [Double]) {
        self.columns = columns
        self.target = target
    }

    /// The number of samples: the shortest of the target and the columns.
    public var count: Int { ([target.count] + columns.map(\.count)).min() ?? 0 }

    /// The target's standard deviation, or its root mean square when that is 0, or 1 when both
    /// are: the scale errors are measured against.
    public var targetScale: Double {
        let n = count
        guard n > 0 else { return 1 }
        let y = target.prefix(n)
        let mean = y.reduce(0, +) / Double(n)
        let spread = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
        if spread > 0, spread.isFinite { return spread }
        let rms = (y.reduce(0) { $0 + $1 * $1 } / Double(n)).squareRoot()
        return rms > 0 && rms.isFinite ? rms : 1
    }
}

/// A formula whose parameters were fitted, with its root-mean-square error on the fit data.
public struct FittedFormula: Sendable, Hashable {
    public var formula: ParametricFormula
    /// √(Σ (yₛ − f(xₛ))² / n) on the data it was fitted to; always finite.
    public var rmse: Double
    /// Levenberg–Marquardt iterations taken (accepted and rejected steps).
    public var iterations: Int
}

/// Why a fit failed.
public enum FormulaFitError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The formula names a symbol that is neither a variable nor a parameter, or its names
    /// and values disagree in number.
    case malformedFormula
    /// No samples.
    case noData
    /// The formula is NaN or infinite at some sample with its starting values (or the target
    /// is), or the data lack one of the formula's variables.
    case notFiniteOnData
    /// `shouldStop` (a time limit, Ctrl-C) ended the fit before it converged.
    case interrupted

    public var description: String {
        switch self {
        case .malformedFormula: "the formula's symbols are not its variables and parameters"
        case .noData: "there are no samples to fit"
        case .notFiniteOnData: "the formula is not finite at every sample"
        case .interrupted: "the fit was interrupted"
        }
    }
}

/// Levenberg–Marquardt on a formula's parameters, minimising the mean squared error
///
///     E(θ) = Σₛ (yₛ − f(xₛ; θ))² / n
///
/// with the Jacobian Jₛₖ = ∂f/∂θₖ(xₛ; θ) from `Symbolic`'s exact derivative of the formula
/// with respect to each parameter, compiled once (the tree is never walked per sample).
/// Each iteration solves the damped normal equations
///
///     (JᵀJ + μ·diag(JᵀJ)) δ = Jᵀr,    r = y − f(x; θ)
///
/// by Cholesky, and accepts θ + δ only when every prediction is finite and the squared error
/// falls; otherwise μ grows tenfold. A rejected step never changes θ, so a non-finite value
/// can never enter the result; a formula that is not finite at the data with its starting
/// values is a failed fit (`FormulaFitError.notFiniteOnData`).
///
/// On noiseless data an exact structure converges quadratically to a relative RMSE near
/// machine precision (≈1e-15 of the target's scale), which is what makes ranking candidate
/// structures by validation error meaningful. Deterministic: the same input always gives the
/// same output.
public struct FormulaFit: Sendable, Hashable {
    /// An upper bound on the iterations (accepted and rejected steps together).
    public var maximumIterations: Int

    public init(maximumIterations: Int = 200) {
        self.maximumIterations = maximumIterations
    }

    /// The formula with its parameters fitted to `data`, starting from its current values.
    /// `shouldStop` is checked before every iteration (one takes milliseconds per 10,000 rows
    /// and parameter; a fit on 100,000 rows, seconds): when it returns true the fit fails with
    /// `.interrupted`.
    public func fit(
        _ formula: ParametricFormula, to data: FormulaData, shouldStop: (() -> Bool)? = nil
    ) -> Result<FittedFormula, FormulaFitError> {
        guard formula.isWellFormed else { return .failure(.malformedFormula) }
        let n = data.count
        guard n > 0 else { return .failure(.noData) }
        guard let model = try? formula.compile() else { return .failure(.malformedFormula) }
        var derivatives: [CompiledFormula] = []
        for name in formula.parameterNames {
            guard let compiled = try? CompiledFormula(
                formula.expression.derivative(withRespectTo: name), variables: formula.variables,
                parameters: formula.parameterNames)
            else { return .failure(.malformedFormula) }
            derivatives.append(compiled)
        }
        let columns = data.columns.map { Array($0.prefix(n)) }
        let y = Array(data.target.prefix(n))
        var theta = formula.parameterValues
        var prediction: [Double] = []
        guard let start = Self.squaredError(model, columns, theta, y, &prediction) else {
            return .failure(.notFiniteOnData)
        }
        var sse = start
        var iterations = 0
        let p = theta.count
        if p > 0 {
            var damping = 1e-3
            var jacobian = [[Double]](repeating: [], count: p)
            var needsJacobian = true
            var normal = [Double](repeating: 0, count: p * p)
            var gradient = [Double](repeating: 0, count: p)
            var trialPrediction: [Double] = []
            let floor = 1e-30 * Swift.max(y.reduce(0) { $0 + $1 * $1 }, Double.leastNormalMagnitude)
            var smallGains = 0
            while iterations < maximumIterations, sse > floor {
                if let shouldStop, shouldStop() { return .failure(.interrupted) }
                iterations += 1
                if needsJacobian {
                    for k in 0..<p {
                        derivatives[k].evaluate(columns: columns, parameters: theta, into: &jacobian[k])
                        // A derivative that is not finite where the value is (√u at 0) gives
                        // no direction: take 0 there; the step is judged by the error anyway.
                        for s in 0..<n where !jacobian[k][s].isFinite { jacobian[k][s] = 0 }
                    }
                    Self.normalEquations(jacobian, y, prediction, &normal, &gradient)
                    needsJacobian = false
                }
                guard let step = Self.solveDamped(normal, gradient, p, damping) else {
                    damping *= 10
                    if damping > 1e16 { break }
                    continue
                }
                let trial = zip(theta, step).map { $0 + $1 }
                if trial.allSatisfy(\.isFinite),
                   let trialError = Self.squaredError(model, columns, trial, y, &trialPrediction),
                   trialError < sse {
                    let gain = sse - trialError
                    theta = trial
                    swap(&prediction, &trialPrediction)
                    let previous = sse
                    sse = trialError
                    needsJacobian = true
                    damping = Swift.max(damping / 10, 1e-12)
                    // Converged: two steps in a row that gain almost nothing.
                    smallGains = gain <= 1e-14 * previous ? smallGains + 1 : 0
                    if smallGains >= 2 { break }
                } else {
                    damping *= 10
                    if damping > 1e16 { break }
                }
            }
        }
        var result = formula
        result.parameterValues = theta
        return .success(FittedFormula(formula: result, rmse: (sse / Double(n)).squareRoot(), iterations: iterations))
    }

    /// Σ (y − f)², with the predictions left in `prediction`; nil if any is not finite.
    static func squaredError(
        _ model: CompiledFormula, _ columns: [[Double]], _ theta: [Double], _ y: [Double],
        _ prediction: inout [Double]
    ) -> Double? {
        model.evaluate(columns: columns, parameters: theta, into: &prediction)
        guard prediction.count == y.count else { return nil }
        var total = 0.0
        for s in 0..<y.count {
            let r = y[s] - prediction[s]
            total += r * r
        }
        guard total.isFinite, prediction.allSatisfy(\.isFinite) else { return nil }
        return total
    }

    /// JᵀJ (row-major p×p) and Jᵀr.
    static func normalEquations(
        _ jacobian: [[Double]], _ y: [Double], _ prediction: [Double],
        _ normal: inout [Double], _ gradient: inout [Double]
    ) {
        let p = jacobian.count, n = y.count
        var residual = [Double](repeating: 0, count: n)
        for s in 0..<n { residual[s] = y[s] - prediction[s] }
        for i in 0..<p {
            jacobian[i].withUnsafeBufferPointer { a in
                var g = 0.0
                for s in 0..<n { g += a[s] * residual[s] }
                gradient[i] = g
                for j in i..<p {
                    let dot = jacobian[j].withUnsafeBufferPointer { b in
                        var total = 0.0
                        for s in 0..<n { total += a[s] * b[s] }
                        return total
                    }
                    normal[i * p + j] = dot
                    normal[j * p + i] = dot
                }
            }
        }
    }

    /// Solves (A + μ·D)·δ = g by Cholesky, D = diag(A) with a floor (so that a parameter that
    /// does not affect the formula still gets a damped, zero step). Nil when not positive
    /// definite or not finite.
    static func solveDamped(_ a: [Double], _ g: [Double], _ p: Int, _ damping: Double) -> [Double]? {
        var largest = 0.0
        for i in 0..<p { largest = Swift.max(largest, a[i * p + i]) }
        guard largest.isFinite else { return nil }
        let floor = Swift.max(largest * 1e-14, Double.leastNormalMagnitude)
        var m = a
        for i in 0..<p { m[i * p + i] += damping * Swift.max(a[i * p + i], floor) }
        // Cholesky: m = L·Lᵀ, L stored in the lower triangle.
        for j in 0..<p {
            var diagonal = m[j * p + j]
            for k in 0..<j { diagonal -= m[j * p + k] * m[j * p + k] }
            guard diagonal > 0, diagonal.isFinite else { return nil }
            let root = diagonal.squareRoot()
            m[j * p + j] = root
            for i in (j + 1)..<Swift.max(j + 1, p) {
                var value = m[i * p + j]
                for k in 0..<j { value -= m[i * p + k] * m[j * p + k] }
                m[i * p + j] = value / root
            }
        }
        var z = g
        for i in 0..<p {
            for k in 0..<i { z[i] -= m[i * p + k] * z[k] }
            z[i] /= m[i * p + i]
        }
        for i in stride(from: p - 1, through: 0, by: -1) {
            for k in (i + 1)..<Swift.max(i + 1, p) { z[i] -= m[k * p + i] * z[k] }
            z[i] /= m[i * p + i]
        }
        return z.allSatisfy(\.isFinite) ? z : nil
    }
}

extension FormulaData {
    /// √(Σ (yₛ − f(xₛ))² / n) of a formula with its current values, or nil when it is not
    /// finite at every sample (or there are no samples).
    public func rmse(of formula: ParametricFormula) -> Double? {
        rmse(predictions: formula.evaluate(columns: columns))
    }

    /// √(Σ (yₛ − pₛ)² / n), or nil when a prediction is not finite.
    public func rmse(predictions: [Double]) -> Double? {
        let n = count
        guard n > 0, predictions.count >= n else { return nil }
        var total = 0.0
        for s in 0..<n {
            let r = target[s] - predictions[s]
            total += r * r
        }
        let value = (total / Double(n)).squareRoot()
        return value.isFinite && predictions.prefix(n).allSatisfy(\.isFinite) ? value : nil
    }

    /// 1 − SSE/SST, or nil when a prediction is not finite or the target is constant.
    public func rSquared(predictions: [Double]) -> Double? {
        let n = count
        guard n > 0, predictions.count >= n, predictions.prefix(n).allSatisfy(\.isFinite) else { return nil }
        let mean = target.prefix(n).reduce(0, +) / Double(n)
        var sse = 0.0, sst = 0.0
        for s in 0..<n {
            sse += (target[s] - predictions[s]) * (target[s] - predictions[s])
            sst += (target[s] - mean) * (target[s] - mean)
        }
        guard sst > 0 else { return nil }
        let value = 1 - sse / sst
        return value.isFinite ? value : nil
    }
}
