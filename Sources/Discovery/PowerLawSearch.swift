import Exact
import Foundation
import Symbolic

/// Power laws y = C·x₁^p₁·…·xₙ^pₙ, found by a linear least-squares fit in log space: a stage of
/// `discover` that runs before any network is trained.
///
///     log|y| = log|C| + p₁·log|x₁| + … + pₙ·log|xₙ|
///
/// Products and quotients of the inputs (x·y, x/(4π·y·z²), √(x·y/z)) are the most common
/// laws of physics, and the hardest for a KAN: a product needs a multiplication node or the
/// (x + y)² − (x − y)² trick, and three factors a deeper network still. In log space they are
/// a plane, which one small linear solve recovers exactly on noiseless data. The exponents are
/// rounded to the nearest half-integer (and to the nearest integer when that differs),
/// inputs whose exponent rounds to 0 are left out, and each candidate C·Π xᵢ^pᵢ is handed to
/// the ordinary scoring (its C refitted, validation error plus complexity) like any network's
/// formula; when one reaches the error floor, no network needs to be trained at all.
///
/// The log fit weights each sample by y² (relative to the largest): d log y = dy / y, so
/// this approximates a fit of y itself and keeps samples near y = 0, where the log of noisy
/// data is meaningless, from steering the exponents. Samples where y or an input is 0 are
/// skipped. Half-integer exponents (square roots) are only proposed for inputs that are
/// non-negative on every sample; a sign of y that the product cannot follow simply shows up as
/// a large validation error.
struct PowerLawSearch {
    var variables: [String]
    var data: ScoringData
    /// Exponents are kept within ±`maximumExponent` (pykan's library goes to the fifth power).
    var maximumExponent = 4.0
    /// No power law is fitted to more inputs than this. The fit costs rows × inputs² and a
    /// solve of inputs³ — for 10,000 columns, a trillion operations that no time limit could
    /// cut — and a law with a factor for each of over a hundred inputs is not a formula
    /// anyone is looking for.
    static let maximumInputs = 100

    /// The scored candidates (at most two), or none when there are too few usable samples.
    func run() -> [ScoredFormula] {
        let n = variables.count
        guard let exponents = fittedExponents(), exponents.count == n else { return [] }
        let nonNegative = (0..<n).map { i in
            data.train.columns[i].allSatisfy { $0 >= 0 } && data.validation.columns[i].allSatisfy { $0 >= 0 }
        }
        // Exponents in halves: the nearest half-integer where a square root is allowed, and the
        // nearest integers.
        let halves = exponents.enumerated().map { i, p in
            Int(((nonNegative[i] ? 2 * p : 2 * (p.rounded())).rounded()))
        }
        let integers = exponents.map { Int($0.rounded()) * 2 }
        var results: [ScoredFormula] = []
        var tried: Set<[Int]> = []
        for candidate in [halves, integers] where !tried.contains(candidate) {
            tried.insert(candidate)
            if let scored = formula(halves: candidate) { results.append(scored) }
        }
        return results
    }

    /// The monomial of the fitted exponents that are clean — within `cleanTolerance` of a
    /// nonzero half-integer (an integer for inputs that take negative values) — or nil when
    /// none is.
    ///
    /// For y = M(x)·g(x) with g independent of M's inputs, the log-space fit still gives those
    /// inputs their exponents in M (log|y| = log|M| + log|g|, and log|g| is uncorrelated with
    /// them), while the inputs of g get whatever exponents best mimic log|g|: x₁·x₂·sin(x₃)
    /// gives 1, 1 and something unclean.
    func cleanFactor(cleanTolerance: Double = 0.1) -> MonomialFactor? {
        guard let exponents = fittedExponents() else { return nil }
        let halves = exponents.enumerated().map { i, p -> Int in
            let negative = data.train.columns[i].contains { $0 < 0 } || data.validation.columns[i].contains { $0 < 0 }
            let k = negative ? 2 * Int(p.rounded()) : Int((2 * p).rounded())
            return k != 0 && Swift.abs(p - Double(k) / 2) <= cleanTolerance ? k : 0
        }
        guard halves.contains(where: { $0 != 0 }) else { return nil }
        return MonomialFactor(variables: variables, halves: halves)
    }

    /// The exponents p (unrounded) of the weighted log-space fit, or nil.
    func fittedExponents() -> [Double]? {
        let n = variables.count
        let train = data.train
        let count = train.count
        guard n > 0, n <= Self.maximumInputs, train.columns.count == n, count >= n + 3 else { return nil }
        let largest = train.target.prefix(count).reduce(0) { Swift.max($0, Swift.abs($1)) }
        guard largest > 0, largest.isFinite else { return nil }
        // Normal equations of the weighted fit of log|y| on (1, log|x₁|, …, log|xₙ|).
        let p = n + 1
        var normal = [Double](repeating: 0, count: p * p)
        var right = [Double](repeating: 0, count: p)
        var row = [Double](repeating: 1, count: p)
        var used = 0
        for s in 0..<count {
            let y = train.target[s]
            guard y != 0 else { continue }
            var usable = true
            for i in 0..<n {
                let x = Swift.abs(train.columns[i][s])
                guard x > 0, x.isFinite else { usable = false; break }
                row[i + 1] = Foundation.log(x)
            }
            guard usable else { continue }
            let weight = (y / largest) * (y / largest)
            let target = Foundation.log(Swift.abs(y))
            for a in 0..<p {
                right[a] += weight * row[a] * target
                for b in 0..<p { normal[a * p + b] += weight * row[a] * row[b] }
            }
            used += 1
        }
        guard used >= p + 2,
              let solution = FormulaFit.solveDamped(normal, right, p, 1e-12)
        else { return nil }
        let exponents = Array(solution.dropFirst())
        guard exponents.allSatisfy({ $0.isFinite && Swift.abs($0) <= maximumExponent + 0.5 }) else { return nil }
        return exponents
    }

    /// θ·Π xᵢ^(kᵢ/2) refitted and scored; nil when every exponent is 0 or the fit fails.
    func formula(halves: [Int]) -> ScoredFormula? {
        var factors: [Expr] = [ParametricFormula.parameter(0)]
        var labels: [String] = []
        for (name, k) in zip(variables, halves) where k != 0 {
            guard let exponent = try? Rational(k, 2) else { return nil }
            factors.append(Expr.power(.symbol(name), exponent))
            labels.append("\(name)^\(exponent)")
        }
        guard factors.count > 1 else { return nil }
        let expression = Expr.product(factors)
        // C from the data: the least-squares scale of the product (linear in C).
        let shape = ParametricFormula(
            expression: expression, variables: variables,
            parameterNames: [ParametricFormula.parameterName(0)], parameterValues: [1])
        let values = shape.evaluate(columns: data.train.columns)
        var cross = 0.0, square = 0.0
        for (v, y) in zip(values, data.train.target) where v.isFinite {
            cross += v * y
            square += v * v
        }
        guard square > 0, (cross / square).isFinite else { return nil }
        return data.scored(shape.with(values: [cross / square]), origin: "power law [\(labels.joined(separator: ", "))]")
    }
}

/// A monomial M(x) = Π xᵢ^(kᵢ/2) of the data's inputs, without a constant: a factor the target
/// is divided by, so that networks learn the rest g = y/M.
struct MonomialFactor {
    var variables: [String]
    /// kᵢ, the exponent of input i in halves (0 for inputs M does not involve).
    var halves: [Int]

    /// M as an exact expression over `variables`.
    var expression: Expr {
        Expr.product(zip(variables, halves).compactMap { name, k in
            guard k != 0, let exponent = try? Rational(k, 2) else { return nil }
            return Expr.power(.symbol(name), exponent)
        })
    }

    /// M at sample s of `columns`.
    func value(_ columns: [[Double]], at s: Int) -> Double {
        var m = 1.0
        for (i, k) in halves.enumerated() where k != 0 {
            let x = columns[i][s]
            m *= k % 2 == 0 ? Foundation.pow(x, Double(k / 2)) : Foundation.pow(x.squareRoot(), Double(k))
        }
        return m
    }

    /// The data with the target divided by M; nil when M is 0 or not finite at some sample
    /// (or the data lack an input), where y/M says nothing.
    func dividing(_ data: FormulaData, variables: [String]) -> FormulaData? {
        guard data.columns.count == halves.count else { return nil }
        var target = [Double]()
        target.reserveCapacity(data.count)
        for s in 0..<data.count {
            let m = value(data.columns, at: s)
            guard m != 0, m.isFinite else { return nil }
            let quotient = data.target[s] / m
            guard quotient.isFinite else { return nil }
            target.append(quotient)
        }
        return FormulaData(columns: data.columns, target: target)
    }
}
