import Foundation

/// Tests of a law's structure on a surrogate's gradients at the data's own points (AI Feynman's
/// symmetry tests, Udrescu & Tegmark 2020, and pykan's `test_symmetry`), each with a tolerance
/// from the surrogate's own error (`InputGradients.relativeGradientError`), never a constant.
///
/// A test that passes only proposes: the reduced problem is then solved and its formula scored
/// on the original data like any candidate, so a false pass costs time, not a wrong answer.
enum StructureTests {
    /// Coverage factor of the tolerances: a statistic within 3 standard errors of its value
    /// under the structure passes (a false rejection in about 3 cases of 1000 per test).
    static let coverage = 3.0

    /// Whether v/u is the same number at every row: its sign and log|v/u|'s median and robust
    /// spread (1.4826 × the median absolute deviation, the standard deviation for Gaussian
    /// errors, undisturbed by the few rows near a zero of u or v). Rows where u or v is small
    /// (under a quarter of its RMS) are left out: there a small error in either changes the
    /// ratio a lot. Nil when fewer than a fifth of the rows remain or the sign is not constant
    /// (on 95 % of the rows).
    static func constantRatio(_ v: [Double], over u: [Double]) -> (ratio: Double, spread: Double)? {
        let su = InputGradients.rootMeanSquare(u), sv = InputGradients.rootMeanSquare(v)
        guard su > 0, sv > 0 else { return nil }
        var logs: [Double] = []
        var positive = 0
        for k in u.indices where Swift.abs(u[k]) >= 0.25 * su && Swift.abs(v[k]) >= 0.25 * sv {
            let r = v[k] / u[k]
            guard r.isFinite, r != 0 else { continue }
            logs.append(Foundation.log(Swift.abs(r)))
            if r > 0 { positive += 1 }
        }
        guard logs.count >= Swift.max(5, u.count / 5) else { return nil }
        let majority = Swift.max(positive, logs.count - positive)
        guard Double(majority) >= 0.95 * Double(logs.count) else { return nil }
        let center = median(logs)
        let spread = 1.4826 * median(logs.map { Swift.abs($0 - center) })
        let sign = positive * 2 >= logs.count ? 1.0 : -1.0
        return (sign * Foundation.exp(center), spread)
    }

    /// The simplest a/b (integers, |a|, |b| ≤ 4, b > 0) within a relative distance `tolerance`
    /// of `ratio`, or nil.
    static func smallRatio(_ ratio: Double, tolerance: Double) -> (a: Int, b: Int)? {
        var best: (a: Int, b: Int, size: Int)?
        for b in 1...4 {
            for magnitude in 1...4 {
                let a = ratio < 0 ? -magnitude : magnitude
                guard Swift.abs(Foundation.log(Double(a) / Double(b) / ratio)) <= tolerance else { continue }
                let size = magnitude + b
                if best == nil || size < (best?.size ?? .max) { best = (a, b, size) }
            }
        }
        return best.map { ($0.a, $0.b) }
    }

    /// A merge that passes, with how clearly: its statistic over its tolerance (smaller is
    /// clearer).
    struct PassedMerge: Sendable {
        var merge: VariableMerge
        var margin: Double
    }

    /// Every pair of inputs that can merge into one (`VariableMerge`), clearest first.
    ///
    /// Sums: ∂ⱼy/∂ᵢy constant. Products (inputs that never vanish): xⱼ∂ⱼy / (xᵢ∂ᵢy)
    /// constant. The log-ratio's error is about √(δᵢ² + δⱼ²), so a pair passes when its
    /// spread is within `coverage` times that, and the ratio is a small fraction within the
    /// same distance. A pair through which y does not vary (both derivatives ≈ 0) is not
    /// tested: pruning drops such inputs.
    static func merges(_ g: InputGradients) -> [PassedMerge] {
        let d = g.inputCount
        guard d >= 2 else { return [] }
        let errors = (0..<d).map { g.relativeGradientError($0) }
        let nonvanishing = g.columns.map { column in
            (column.allSatisfy { $0 > 0 }) || (column.allSatisfy { $0 < 0 })
        }
        let elasticities = (0..<d).map { i in zip(g.columns[i], g.gradients[i]).map { $0 * $1 } }
        var passed: [PassedMerge] = []
        for i in 0..<d {
            for j in (i + 1)..<d {
                let tolerance = coverage * (errors[i] * errors[i] + errors[j] * errors[j]).squareRoot()
                // Beyond a log-ratio of 1 (a factor e) the gradients cannot tell a constant ratio.
                guard tolerance < 1 else { continue }
                if let (ratio, spread) = constantRatio(g.gradients[j], over: g.gradients[i]), spread <= tolerance,
                   let (b, a) = smallRatio(ratio, tolerance: tolerance) {
                    // ∂ⱼy/∂ᵢy = b/a for u = a·xᵢ + b·xⱼ.
                    passed.append(PassedMerge(
                        merge: VariableMerge(kind: .sum, first: i, second: j, a: a, b: b),
                        margin: spread / tolerance))
                }
                if nonvanishing[i], nonvanishing[j],
                   let (ratio, spread) = constantRatio(elasticities[j], over: elasticities[i]), spread <= tolerance,
                   let (b, a) = smallRatio(ratio, tolerance: tolerance) {
                    passed.append(PassedMerge(
                        merge: VariableMerge(kind: .product, first: i, second: j, a: a, b: b),
                        margin: spread / tolerance))
                }
            }
        }
        return passed.sorted { $0.margin < $1.margin }
    }

    /// The merges of `passed` that share no input, clearest first: applied together they
    /// shrink the problem the most in one step (three differences in I.9.18's
    /// G·m₁m₂/((x₂−x₁)² + (y₂−y₁)² + (z₂−z₁)²)).
    static func disjoint(_ passed: [PassedMerge]) -> [VariableMerge] {
        var used: Set<Int> = []
        var chosen: [VariableMerge] = []
        for candidate in passed {
            let merge = candidate.merge
            guard !used.contains(merge.first), !used.contains(merge.second) else { continue }
            used.insert(merge.first)
            used.insert(merge.second)
            chosen.append(merge)
        }
        return chosen
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
