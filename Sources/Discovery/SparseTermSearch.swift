import Foundation
import Symbolic

/// Laws that become a sparse sum of simple terms after a transform of the target: a stage of
/// `discover` that runs after the power laws and before any network is trained.
///
///     T(y/P(x)) = Σⱼ cⱼ·φⱼ(x),    at most `maximumTerms` terms φⱼ from a `TermDictionary`
///
///     x₁/√(1 − x₂²/x₃²)          P = x₁,   1/(y/P)² = 1 − x₂²·x₃⁻²
///     1/(x₃/x₂ + 1/x₁)           P = 1,    1/y = x₃·x₂⁻¹ + x₁⁻¹
///     e^(−x₁²/(2x₂²))/(√(2π)x₂)  P = 1,    log y = c − ½·x₁²x₂⁻² − log x₂
///     x₁(x₂ cos x₃ + 1)          P = 1,    y = x₁ + x₁x₂·cos x₃
///     asin(x₁·sin x₂)            P = 1,    sin y = x₁·sin x₂
///
/// For each prefactor P — 1, the power law's exponents rounded to integers and to
/// half-integers, and its clean factor (`PowerLawSearch`) — and each transform T
/// (`TargetTransform`: y, 1/y, y², 1/y², log y, sin y), z = T(y/P) is computed on a subsample of the
/// training rows; the dictionary's columns and z are scaled to unit norm, and the supports
/// that best explain z are found on their Gram matrix (`SparseSupportSearch`: exhaustive up to
/// two terms, then a beam). The best supports of each size are measured again by a
/// least-squares fit on the columns themselves (Gram–Schmidt, twice); a support is *exact*
/// when its residual is at most `exactTolerance` times the spread of z (on noiseless data an
/// exact support leaves rounding, about 10⁻¹³; a look-alike 10⁻⁴ or more), and a support
/// containing a smaller exact one is not considered. Each exact support, inverted to
/// y = P·T⁻¹(Σⱼ θⱼφⱼ), is handed to the ordinary scoring with its θ as starting values
/// (refitted, scored, later snapped and simplified like any network's formula).
///
/// T(z) = z², 1/z² and log z invert only where z > 0: P then carries the sign of y. When y/P
/// takes both signs, a sign monomial Π xᵢ over inputs that take both signs is sought with
/// sign(y/P) = ±sign(Π xᵢ) on every sample (x₁x₂/√(1 − x₂²/x₃²) gets P = x₁x₂), else the
/// transform is skipped. sin y is tried only when y/P lies within [−π/2, π/2] on every
/// sample of the subsample, where asin inverts it. A candidate undefined at some sample (a negative sum under the
/// root, an asin of more than 1) is dropped by the scoring. For log y, the constant is in every support and not
/// counted (it is the log of the scale factor, θ₀ in θ₀·exp(…)), and terms c·log xₖ with c
/// a half-integer become the power xₖᶜ of the prefactor.
///
/// Cheap beside the network stages it can spare (measured figures: docs/recovery.md): one
/// Gram matrix of about 180 columns on 400 rows, then per (P, T) one correlation and about
/// 20 000 small Cholesky solves. Deterministic.
struct SparseTermSearch {
    var variables: [String]
    var data: ScoringData
    /// Whether supports whose residuals are noise (`LackOfFitTest` on the search rows) are
    /// accepted besides those exact to rounding: the laws of noisy data. Their candidates are
    /// scored like any other; the lack-of-fit test only lets them in.
    var acceptsNoise = false
    /// At most this many terms (besides a logarithm's constant).
    var maximumTerms = 4
    /// The support search runs on at most this many training rows (evenly strided).
    var searchRowLimit = 400
    /// A support is exact when its least-squares residual is at most this times the spread
    /// (standard deviation times √rows) of z = T(y/P).
    var exactTolerance = 1e-7
    /// At most this many exact candidates are scored.
    var maximumCandidates = 12
    /// Checked before each (prefactor, transform) and each candidate's refit, and inside it
    /// (a time limit, Ctrl-C): the candidates found so far are returned.
    var shouldStop: (@Sendable () -> Bool)? = nil
    /// The strongest wave of the search rows when already known (`WaveArgument.strongest`,
    /// whose cost grows with the inputs, so it is found once and passed on): `.some(nil)` when
    /// there is none; nil to detect it here.
    var wave: WaveArgument?? = nil

    /// The prefactor P = ±Π xᵢ^(kᵢ/2) the target is divided by before the transform.
    struct Prefactor: Hashable {
        var sign: Double
        var halves: [Int]

        func value(_ columns: [[Double]], at s: Int) -> Double {
            sign * SparseTerm.monomial(halves, columns, at: s)
        }

        func expression(variables: [String]) -> Expr {
            let monomial = SparseTerm.monomialExpression(halves, variables: variables)
            return sign < 0 ? Expr.minusOne * monomial : monomial
        }
    }

    /// An exact support: T(y/P) = Σⱼ cⱼ·φⱼ.
    struct Candidate {
        var prefactor: Prefactor
        var transform: TargetTransform
        var terms: [SparseTerm]
        var coefficients: [Double]
        /// The residual over the exactness bound: at most 1 for an exact support, more for one
        /// accepted at the noise level.
        var misfit = 0.0
    }

    /// The scored candidates of every exact support found (none for laws outside the
    /// dictionary, or data too small to tell).
    func run() -> [ScoredFormula] {
        var seen: Set<Expr> = []
        var results: [ScoredFormula] = []
        for candidate in exactSupports() {
            if let shouldStop, shouldStop() { break }
            guard results.count < maximumCandidates, let formula = formula(candidate),
                  seen.insert(formula.expression).inserted else { continue }
            let prefactor = candidate.prefactor.expression(variables: variables)
            let target = prefactor == .one ? "y" : "(y/(\(prefactor)))"
            let origin = "sparse sum \(candidate.transform.label(target)) = "
                + candidate.terms.map { $0.expression(variables: variables).description }.joined(separator: " + ")
            if let scored = data.scored(formula, origin: origin, shouldStop: shouldStop) { results.append(scored) }
        }
        return results
    }

    /// The exact supports of every prefactor and transform, smallest first within each.
    func exactSupports() -> [Candidate] {
        let n = variables.count
        guard let (rows, everyColumn) = Self.searchRows(data, variables: n, limit: searchRowLimit, terms: maximumTerms)
        else { return [] }
        let count = rows.count
        let nonNegative = everyColumn.map { $0.allSatisfy { $0 >= 0 } }
        let positive = everyColumn.map { $0.allSatisfy { $0 > 0 } }
        let angular = everyColumn.map { column in
            (column.max() ?? 0) - (column.min() ?? 0) >= Double.pi
        }
        // The strongest oscillation of y along each input, when one stands out (sin²(2πu) is
        // ½ − ½·cos 4πu, outside cos u and sin u).
        let frequencies = (0..<n).map { k in
            AngularFrequency.dominant(of: rows.target, against: rows.columns[k]).map { [$0] } ?? []
        }
        var dictionary = TermDictionary(
            inputs: n, nonNegative: nonNegative, positive: positive, angular: angular, frequencies: frequencies)
        // And the strongest oscillation in a product of inputs (2x₁(1 − cos x₂x₃)).
        if let wave = wave ?? WaveArgument.strongest(rows) { dictionary.terms += wave.terms(inputs: n) }
        // For one input (what a reduction leaves), e^(±r·x) at the rate the data show, and
        // e^(±r/x) for a positive one (a reduction's argument is m or 1/m, whichever has its
        // first exponent positive: II.35.18's 1/(2cosh(x₄x₅/(x₂x₃))) is one of 1/u).
        // The rate may show only once y is divided by a power of x (Planck's x³/(eˣ − 1)): that
        // power is then a prefactor to try too.
        var ratePrefactors: [[Int]] = []
        if n == 1 {
            for power in positive[0] ? [1, -1] : [1] {
                let argument = rows.columns[0].map { Foundation.pow($0, Double(power)) }
                guard let (rate, monomial) = GrowthRate.dominantWithMonomial(of: rows.target, against: argument)
                else { continue }
                dictionary.terms += [rate, rate.negated].map { .exponential(input: 0, power: power, rate: $0) }
                // x^k of the argument u = x^power is x^(k·power), in halves.
                if monomial != 0 { ratePrefactors.append([2 * monomial * power]) }
            }
        }

        // The unit-norm columns that are finite on the subsample, and their Gram matrix.
        var terms: [SparseTerm] = []
        var norms: [Double] = []
        var columns: [[Double]] = []
        for term in dictionary.terms {
            let values = (0..<count).map { term.value(rows.columns, at: $0) }
            let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0, norm.isFinite, values.allSatisfy(\.isFinite) else { continue }
            terms.append(term)
            norms.append(norm)
            columns.append(values.map { $0 / norm })
        }
        let d = terms.count
        guard d > 0 else { return [] }
        let gram = Self.gram(columns, count: count)
        let constant = terms.firstIndex(where: \.isConstant)
        // The exponentials at a rate read from y or 1/y (`GrowthRate`) are terms of those two
        // transforms only: in log y or y² they are near other columns and, with noise, fit it
        // better than the law's own terms (I.6.2a at 1 % noise lost log(y·x₁²) = c + x₁² +
        // log x₁ from the best supports to e^(±5/(2πx₁)) look-alikes).
        let withoutRates = terms.indices.filter { !terms[$0].isExponential }

        var candidates: [Candidate] = []
        let noiseTest = acceptsNoise ? LackOfFitTest(columns: rows.columns) : nil
        // Different bases can give the same prefactor (once the sign monomial is added).
        struct Problem: Hashable { var prefactor: Prefactor, transform: TargetTransform }
        var tried: Set<Problem> = []
        var bases = prefactorBases(nonNegative: nonNegative)
        for base in ratePrefactors where !bases.contains(base) { bases.append(base) }
        for base in bases {
            for transform in TargetTransform.allCases {
                if let shouldStop, shouldStop() { break }
                guard let prefactor = prefactor(base, for: transform, columns: everyColumn),
                      tried.insert(Problem(prefactor: prefactor, transform: transform)).inserted
                else { continue }
                guard let plain = Self.transformedTarget(rows, prefactor: prefactor, transform: transform),
                      let (z, zNorm, spread, fitColumns, fitNorms, fitGram) = Self.weighted(
                        plain, columns: columns, norms: norms, gram: gram, weights: transform.noiseWeights(
                            targets: rows.target, prefactors: (0..<count).map { prefactor.value(rows.columns, at: $0) }))
                else { continue }
                let unit = z.map { $0 / zNorm }
                let correlation = fitColumns.map { column in zip(column, unit).reduce(0) { $0 + $1.0 * $1.1 } }
                var forced: [Int] = []
                if transform == .logarithm {
                    guard let constant else { continue }
                    forced = [constant]
                }
                let supports = SparseSupportSearch(
                    gram: fitGram, size: d, correlation: correlation, forced: forced,
                    allowed: transform == .identity || transform == .reciprocal ? nil : withoutRates,
                    maximumTerms: maximumTerms
                ).run()
                for fit in Self.exactFits(
                    supports, columns: fitColumns, unit: unit, norm: zNorm, spread: spread, tolerance: exactTolerance,
                    noiseTest: noiseTest) {
                    candidates.append(Candidate(
                        prefactor: prefactor, transform: transform, terms: fit.columns.map { terms[$0] },
                        coefficients: zip(fit.columns, fit.coefficients).map { j, c in c * zNorm / fitNorms[j] },
                        misfit: fit.misfit))
                }
            }
        }
        return Self.preferringExact(
            candidates, terms: \.terms.count, misfit: \.misfit, rows: rows, noiseTest: noiseTest,
            formula: { formula($0) })
    }

    /// The exact candidates when there are any (noiseless data: the ones that fit only to the
    /// noise test are look-alikes then); otherwise those at the noise level *in the target's
    /// own units*, fewest terms and then smallest residual first, so that the scored few are
    /// the likeliest.
    ///
    /// A support is let in on its residual in z = T(y/P), judged on values only (a transform
    /// makes the noise's size vary). That alone lets in garbage: where y comes near 0, z = 1/y
    /// has a few huge spikes that no neighbour shares, and the test reads them as noise
    /// (1/y = θ·x₁x₂cos x₃ for I.37.4's x₁ + x₂ + 2√(x₁x₂)cos x₃ at 1 % noise, whose twelve
    /// such one-term supports filled every scoring slot before the law's three terms).
    /// Misfits in different transforms are not comparable either. So each such candidate is
    /// judged again as the formula it stands for: its residuals y − f(x) on the search rows
    /// must be noise by the test that decides "solved" (`NoiseFloor.isSolved`: values and
    /// ranks), and their RMS orders candidates of one size.
    static func preferringExact<C>(
        _ candidates: [C], terms: (C) -> Int, misfit: (C) -> Double, rows: FormulaData,
        noiseTest: LackOfFitTest?, formula: (C) -> ParametricFormula?
    ) -> [C] {
        let exact = candidates.filter { misfit($0) <= 1 }
        guard exact.isEmpty else { return exact }
        guard let noiseTest else { return [] }
        let judged = candidates.enumerated().compactMap { offset, candidate -> (candidate: C, rms: Double, offset: Int)? in
            guard let formula = formula(candidate) else { return nil }
            let predictions = formula.evaluate(columns: rows.columns)
            guard predictions.count == rows.count else { return nil }
            let residuals = (0..<rows.count).map { rows.target[$0] - predictions[$0] }
            guard residuals.allSatisfy(\.isFinite), noiseTest.isNoise(residuals) else { return nil }
            let rms = (residuals.reduce(0) { $0 + $1 * $1 } / Double(Swift.max(rows.count, 1))).squareRoot()
            return (candidate, rms, offset)
        }
        return judged.sorted { x, y in
            (terms(x.candidate), x.rms, x.offset) < (terms(y.candidate), y.rms, y.offset)
        }.map(\.candidate)
    }

    /// The exponent vectors (in halves) of the prefactors before signs: 1, the power law's
    /// exponents rounded to integers and to half-integers (for non-negative inputs), its
    /// clean factor, and those of these with half-integers without them; no repeats.
    func prefactorBases(nonNegative: [Bool]) -> [[Int]] {
        let n = variables.count
        var bases: [[Int]] = [[Int](repeating: 0, count: n)]
        let powerLaw = PowerLawSearch(variables: variables, data: data)
        if let exponents = powerLaw.fittedExponents(), exponents.count == n {
            bases.append(exponents.map { 2 * Int($0.rounded()) })
            bases.append(exponents.enumerated().map { i, p in
                nonNegative[i] ? Int((2 * p).rounded()) : 2 * Int(p.rounded())
            })
        }
        if let factor = powerLaw.cleanFactor(), factor.halves.count == n { bases.append(factor.halves) }
        // The integer exponents alone: a half-integer one is often a root's variation mimicked
        // (x₁/√(1 − x₂²/x₃²) fits x₁·x₃^(−1/2) best, and x₁ is the prefactor that is wanted).
        bases += bases.filter { $0.contains { $0 % 2 != 0 } }.map { base in base.map { $0 % 2 == 0 ? $0 : 0 } }
        var unique: [[Int]] = []
        for base in bases where !unique.contains(base) { unique.append(base) }
        return unique
    }

    /// The prefactor for `transform` from exponents `halves`: itself when T needs no sign;
    /// otherwise with the sign, and the sign monomial, that make y/P non-negative on every
    /// sample of `columns` (training then validation rows); nil when there is none.
    func prefactor(_ halves: [Int], for transform: TargetTransform, columns: [[Double]]) -> Prefactor? {
        let plain = Prefactor(sign: 1, halves: halves)
        guard transform.needsPositive else { return plain }
        let target = data.train.target + data.validation.target
        let quotients = target.indices.map { target[$0] / plain.value(columns, at: $0) }
        guard quotients.allSatisfy(\.isFinite) else { return nil }
        if quotients.allSatisfy({ $0 >= 0 }) { return plain }
        if quotients.allSatisfy({ $0 <= 0 }) { return Prefactor(sign: -1, halves: halves) }
        // Π xᵢ over a subset of the inputs that take both signs, fewest inputs first.
        let signed = columns.indices.filter { i in columns[i].contains { $0 < 0 } }
        guard !signed.isEmpty, signed.count <= 6 else { return nil }
        let masks = (1..<(1 << signed.count)).sorted { a, b in
            a.nonzeroBitCount != b.nonzeroBitCount ? a.nonzeroBitCount < b.nonzeroBitCount : a < b
        }
        for mask in masks {
            let chosen = signed.indices.filter { mask & (1 << $0) != 0 }.map { signed[$0] }
            var sign = 0.0
            var consistent = true
            for s in quotients.indices where quotients[s] != 0 {
                var product = quotients[s]
                for i in chosen { product *= columns[i][s] }
                let current: Double = product > 0 ? 1 : (product < 0 ? -1 : 0)
                if current == 0 || (sign != 0 && current != sign) { consistent = false; break }
                sign = current
            }
            guard consistent, sign != 0 else { continue }
            var combined = halves
            for i in chosen { combined[i] += 2 }
            return Prefactor(sign: sign, halves: combined)
        }
        return nil
    }

    /// y = P·T⁻¹(Σⱼ θⱼφⱼ) with θ at the fitted coefficients; for log y, θ₀·P·Π xₖ^cₖ·exp(…)
    /// with the constant and the half-integer logarithms taken out. Nil when nothing is left
    /// inside the transform (a power law, which that stage finds).
    func formula(_ candidate: Candidate) -> ParametricFormula? {
        var parameters: [Double] = []
        func parameter(_ value: Double) -> Expr {
            parameters.append(value)
            return ParametricFormula.parameter(parameters.count - 1)
        }
        var halves = candidate.prefactor.halves
        var scale: Expr = .one
        var sum: [Expr] = []
        for (term, c) in zip(candidate.terms, candidate.coefficients) {
            if candidate.transform == .logarithm {
                if term.isConstant {
                    let factor = Foundation.exp(c)
                    guard factor.isFinite, factor > 0 else { return nil }
                    scale = parameter(factor)
                    continue
                }
                if case .logarithm(let k) = term, Swift.abs(2 * c - (2 * c).rounded()) <= 1e-6,
                   Swift.abs(c) <= 4 {
                    halves[k] += Int((2 * c).rounded())
                    continue
                }
            }
            sum.append(parameter(c) * term.expression(variables: variables))
        }
        guard !sum.isEmpty else { return nil }
        let prefactor = Prefactor(sign: candidate.prefactor.sign, halves: halves).expression(variables: variables)
        let expression = scale * prefactor * candidate.transform.inverse(Expr.sum(sum))
        return ParametricFormula(
            expression: expression, variables: variables,
            parameterNames: parameters.indices.map(ParametricFormula.parameterName), parameterValues: parameters)
    }

    /// The training rows the support search runs on (at most `limit`, evenly strided) and every
    /// column over training and validation rows (for the domain checks); nil without inputs or
    /// with too few rows to tell `terms` terms apart.
    static func searchRows(
        _ data: ScoringData, variables n: Int, limit: Int, terms: Int
    ) -> (rows: FormulaData, everyColumn: [[Double]])? {
        let rows = data.train.strided(limit: limit)
        guard n > 0, rows.columns.count == n, data.validation.columns.count == n, rows.count >= 4 * (terms + 1)
        else { return nil }
        return (rows, (0..<n).map { data.train.columns[$0] + data.validation.columns[$0] })
    }

    /// z = T(y/P) on `rows`, its norm and its spread √Σ(z − mean z)²; nil when T is undefined
    /// at some sample, or z is constant (then P itself is the law: the power laws' stage).
    static func transformedTarget(
        _ rows: FormulaData, prefactor: Prefactor, transform: TargetTransform
    ) -> (z: [Double], norm: Double, spread: Double)? {
        let count = rows.count
        var z = [Double](repeating: 0, count: count)
        for s in 0..<count {
            guard let value = transform.apply(rows.target[s] / prefactor.value(rows.columns, at: s)) else { return nil }
            z[s] = value
        }
        let norm = z.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let mean = z.reduce(0, +) / Double(max(count, 1))
        let spread = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }.squareRoot()
        guard norm > 0, norm.isFinite, spread > 1e-12 * norm else { return nil }
        return (z, norm, spread)
    }

    /// z and the unit-norm columns (with their norms and Gram matrix) weighted by `weights`
    /// (`TargetTransform.noiseWeights`): the least-squares problem whose residual is the noise
    /// in y's units; the plain problem when `weights` is nil. z's spread is then √Σ wₛ²(zₛ − z̄)²
    /// about the weighted mean. Nil when a weighted column or z vanishes.
    static func weighted(
        _ target: (z: [Double], norm: Double, spread: Double), columns: [[Double]], norms: [Double], gram: [Double],
        weights: [Double]?
    ) -> (z: [Double], norm: Double, spread: Double, columns: [[Double]], norms: [Double], gram: [Double])? {
        guard let weights else { return (target.z, target.norm, target.spread, columns, norms, gram) }
        let z = zip(target.z, weights).map { $0 * $1 }
        let norm = z.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let squares = weights.reduce(0) { $0 + $1 * $1 }
        let mean = zip(target.z, weights).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } / squares
        let spread = zip(target.z, weights).reduce(0) { $0 + ($1.1 * ($1.0 - mean)) * ($1.1 * ($1.0 - mean)) }.squareRoot()
        guard norm > 0, norm.isFinite, spread > 1e-12 * norm else { return nil }
        var weightedNorms: [Double] = []
        var weightedColumns: [[Double]] = []
        for (column, columnNorm) in zip(columns, norms) {
            let values = zip(column, weights).map { $0 * columnNorm * $1 }
            let valuesNorm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard valuesNorm > 0, valuesNorm.isFinite else { return nil }
            weightedNorms.append(valuesNorm)
            weightedColumns.append(values.map { $0 / valuesNorm })
        }
        return (z, norm, spread, weightedColumns, weightedNorms,
                Self.gram(weightedColumns, count: weights.count))
    }

    /// The exact ones among `supports` (in their order), with their least-squares
    /// coefficients on the unit-norm `columns` against `unit` = z/‖z‖: exact when the residual
    /// is at most `tolerance` times z's spread. A support containing a smaller exact one is
    /// skipped (its extra terms would only get coefficients near 0).
    ///
    /// With a `noiseTest` (noisy data) a support is also accepted when its residuals are noise
    /// (`LackOfFitTest` on the rows of `columns`): it leaves nothing the inputs explain. Each fit
    /// carries its misfit, the residual over the exactness bound: at most 1 when exact.
    static func exactFits(
        _ supports: [SparseSupportSearch.Support], columns: [[Double]], unit: [Double], norm: Double, spread: Double,
        tolerance: Double, noiseTest: LackOfFitTest? = nil
    ) -> [(columns: [Int], coefficients: [Double], misfit: Double)] {
        var exact: [Set<Int>] = []
        var fits: [(columns: [Int], coefficients: [Double], misfit: Double)] = []
        func residuals(_ support: [Int], _ coefficients: [Double]) -> [Double] {
            var r = unit
            for (j, c) in zip(support, coefficients) {
                for s in r.indices { r[s] -= c * columns[j][s] }
            }
            return r
        }
        // Supports accepted at the noise level hide their supersets only from the noise test: an
        // exact superset is still an exact support.
        var noisy: [Set<Int>] = []
        for support in supports {
            let set = Set(support.columns)
            guard !exact.contains(where: { $0.isSubset(of: set) }),
                  let fit = leastSquares(support.columns.map { columns[$0] }, unit)
            else { continue }
            let misfit = fit.residual * norm / Swift.max(tolerance * spread, .leastNormalMagnitude)
            if misfit <= 1 {
                exact.append(set)
            } else if let noiseTest, !noisy.contains(where: { $0.isSubset(of: set) }),
                      noiseTest.isNoise(residuals(support.columns, fit.coefficients), heteroscedastic: true) {
                noisy.append(set)
            } else {
                continue
            }
            fits.append((support.columns, fit.coefficients, misfit))
        }
        return fits
    }

    /// G = ΦᵀΦ, row-major, of columns of `count` values.
    static func gram(_ columns: [[Double]], count: Int) -> [Double] {
        let d = columns.count
        var gram = [Double](repeating: 0, count: d * d)
        for i in 0..<d {
            columns[i].withUnsafeBufferPointer { a in
                for j in i..<d {
                    let dot = columns[j].withUnsafeBufferPointer { b in
                        var total = 0.0
                        for s in 0..<count { total += a[s] * b[s] }
                        return total
                    }
                    gram[i * d + j] = dot
                    gram[j * d + i] = dot
                }
            }
        }
        return gram
    }

    /// The least-squares coefficients of `target` on `columns` (unit norm) and the residual
    /// norm, measured from the residual itself; nil when the columns are dependent (a
    /// column keeps less than 10⁻⁸ of its norm after the others are projected out).
    ///
    /// Modified Gram–Schmidt, each column orthogonalised twice (enough for a few columns),
    /// then Rc = Qᵀz by back substitution.
    static func leastSquares(_ columns: [[Double]], _ target: [Double]) -> (coefficients: [Double], residual: Double)? {
        let k = columns.count, count = target.count
        var q: [[Double]] = []
        var r = [Double](repeating: 0, count: k * k)
        for j in 0..<k {
            var v = columns[j]
            for _ in 0..<2 {
                for i in 0..<j {
                    var dot = 0.0
                    for s in 0..<count { dot += q[i][s] * v[s] }
                    r[i * k + j] += dot
                    for s in 0..<count { v[s] -= dot * q[i][s] }
                }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 1e-8, norm.isFinite else { return nil }
            r[j * k + j] = norm
            q.append(v.map { $0 / norm })
        }
        var c = q.map { column in zip(column, target).reduce(0) { $0 + $1.0 * $1.1 } }
        for i in stride(from: k - 1, through: 0, by: -1) {
            for m in (i + 1)..<Swift.max(i + 1, k) { c[i] -= r[i * k + m] * c[m] }
            c[i] /= r[i * k + i]
        }
        var residual = 0.0
        for s in 0..<count {
            var e = target[s]
            for j in 0..<k { e -= c[j] * columns[j][s] }
            residual += e * e
        }
        guard c.allSatisfy(\.isFinite), residual.isFinite else { return nil }
        return (c, residual.squareRoot())
    }
}
