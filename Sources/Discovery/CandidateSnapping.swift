import Exact
import Foundation
import Symbolic

/// Snap, then verify (discovery notes, idea 5): each parameter of a refitted candidate is
/// replaced by the simplest nearby exact number — a rational p/q with q ≤ `maximumDenominator`,
/// or a rational multiple of π — the other parameters are refitted, and the snap is kept only if
/// the validation error stays within `limit`:
///
///     limit = max(growth · e₀, floor)
///
/// with e₀ the validation RMSE before snapping. Parameters are tried closest-to-a-snap first,
/// in rounds until nothing more snaps; the result is simplified exactly. On noiseless data an
/// exact structure keeps e₀ near rounding level, so only true constants survive the check.
///
/// This is the candidate search's rationalisation of its best few candidates; the formula
/// stage's rationalisation (with canonicalisation) is the general one.
struct CandidateSnapping {
    var growth = 1.02
    var floor: Double
    var maximumDenominator = 12
    /// Relative distance within which a value is considered for a snap.
    var reach = 2e-3

    /// The snapped formula (refitted on `train`) and its validation RMSE.
    func snap(
        _ formula: ParametricFormula, train: (columns: [[Double]], target: [Double]),
        validation: (columns: [[Double]], target: [Double]), shouldStop: () -> Bool
    ) -> (formula: ParametricFormula, validationRMSE: Double) {
        var current = formula
        var error = Self.validationRMSE(current, validation)
        let limit = Swift.max(growth * error, floor)
        var tried = Set<String>()
        var changed = true
        while changed && !shouldStop() {
            changed = false
            let order = current.parameterNames.indices
                .compactMap { k -> (String, Double, [Expr])? in
                    let name = current.parameterNames[k]
                    guard !tried.contains(name) else { return nil }
                    let value = current.parameterValues[k]
                    let options = Self.snapCandidates(value, reach: reach, maximumDenominator: maximumDenominator)
                    guard let distance = options.first?.distance else { return nil }
                    return (name, distance, options.map(\.expr))
                }
                .sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
            for (name, _, options) in order {
                tried.insert(name)
                for option in options {
                    let trial = candidateFormula(current, fixing: name, to: option)
                    guard let refit = CandidateRefit(trial) else { continue }
                    let fitted = refit.fit(columns: train.columns, target: train.target).formula
                    let trialError = Self.validationRMSE(fitted, validation)
                    if trialError <= limit {
                        current = fitted
                        error = trialError
                        changed = true
                        break
                    }
                }
                if changed { break }
            }
        }
        var simplified = current
        simplified.expression = current.expression.simplified()
        simplified = simplified.candidateDroppingUnusedParameters()
        if simplified.parameterCount > 0, let refit = CandidateRefit(simplified) {
            simplified = refit.fit(columns: train.columns, target: train.target).formula
        }
        let simplifiedError = Self.validationRMSE(simplified, validation)
        if simplifiedError <= Swift.max(limit, error) { return (simplified, simplifiedError) }
        return (current, error)
    }

    /// The exact numbers near `value`, nearest first: p/q and p/q·π within the reach.
    static func snapCandidates(
        _ value: Double, reach: Double, maximumDenominator: Int
    ) -> [(expr: Expr, distance: Double)] {
        var options: [(expr: Expr, distance: Double)] = []
        let tolerance = reach * Swift.max(1, Swift.abs(value))
        if let r = Rational.approximating(value, tolerance: tolerance, maxDenominator: maximumDenominator) {
            options.append((Expr(r), Swift.abs(Double(r) - value) / Swift.max(1, Swift.abs(value))))
        }
        let overPi = value / Double.pi
        if Swift.abs(value) > 0.5,
           let r = Rational.approximating(overPi, tolerance: tolerance / Double.pi, maxDenominator: maximumDenominator),
           !r.isZero
        {
            let distance = Swift.abs(Double(r) * Double.pi - value) / Swift.max(1, Swift.abs(value))
            options.append((Expr(r) * Expr.pi, distance))
        }
        return options.sorted { $0.distance < $1.distance }
    }

    static func validationRMSE(
        _ formula: ParametricFormula, _ data: (columns: [[Double]], target: [Double])
    ) -> Double {
        guard let refit = CandidateRefit(formula) else { return .infinity }
        let predicted = refit.predict(columns: data.columns, parameters: formula.parameterValues)
        let sse = CandidateRefit.sumOfSquares(predicted, data.target)
        return data.target.isEmpty ? .infinity : (sse / Double(data.target.count)).squareRoot()
    }
}

/// `formula` with parameter `name` replaced by the exact `value` (no longer a parameter).
func candidateFormula(_ formula: ParametricFormula, fixing name: String, to value: Expr) -> ParametricFormula {
    guard let index = formula.parameterNames.firstIndex(of: name) else { return formula }
    var names = formula.parameterNames, values = formula.parameterValues
    names.remove(at: index)
    values.remove(at: index)
    return ParametricFormula(
        expression: formula.expression.substituting(name, with: value), variables: formula.variables,
        parameterNames: names, parameterValues: values)
}
