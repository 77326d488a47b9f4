import Exact
import Foundation
import Symbolic

/// Laws that become a ratio of two sparse sums after a transform of the target: the stage of
/// `discover` after the sparse sums (`SparseTermSearch`), when none of those is exact.
///
///     T(y/P)·(1 + Σₖ dₖ·ψₖ(x)) = Σⱼ cⱼ·φⱼ(x)
///
///     (x₁ + x₂)/(1 + x₁x₂/x₃²)            T(y) = y,         y·(1 + x₁x₂x₃⁻²) = x₁ + x₂
///     x₁(1 + x₂/x₃)/√(1 − x₂²/x₃²)        T(y/x₁) = (y/x₁)², (y/x₁)²·(1 − x₂x₃⁻¹) = 1 + x₂x₃⁻¹
///
/// φⱼ and ψₖ are monomials of the `TermDictionary` or oscillations (below; ψₖ not constant). With z = T(y/P) the law
/// is linear in (c, d):
///
///     z = Σⱼ cⱼ·φⱼ − Σₖ dₖ·(z·ψₖ),
///
/// so it is a sparse sum of the dictionary's terms and the columns z·ψₖ, and the same
/// support search finds it (`SparseSupportSearch` on the Gram matrix of the unit-norm
/// columns, then a least-squares refit on the columns themselves, exact when the residual is
/// at most `exactTolerance` times z's spread). Fixing Q's constant to 1 loses no law whose
/// denominator has a monomial term: P/Q is unchanged when both are divided by it (y·(x₃² +
/// x₁x₂) = (x₁ + x₂)·x₃² is the first example), as long as the quotients stay in the
/// dictionary. An exact support needs at least one column z·ψₖ (else it is a plain sparse sum,
/// tried before) and one term φⱼ; it is inverted to y = P·T⁻¹((Σⱼ θⱼφⱼ)/(1 + Σₖ ηₖψₖ)) and
/// scored like any candidate.
///
/// T is y or y² (y² with P carrying y's sign, as in `SparseTermSearch`): 1/y and 1/y² give the
/// same laws with P and Q swapped. P runs over the prefactors of `SparseTermSearch`. On exact
/// data the columns z·ψₖ carry no noise beyond rounding; on noisy data a true support leaves
/// the noise amplified by Q, and is not exact.
///
/// Costs one Gram matrix of about 250 columns on 400 rows and about 45 000 small Cholesky
/// solves per (P, T): little beside the network stages, even on tables of six inputs where
/// nothing is found (measured figures: docs/recovery.md). Deterministic.
struct SparseRationalSearch {
    var variables: [String]
    var data: ScoringData
    /// Whether supports whose residuals are noise are accepted besides the exact ones (see
    /// `SparseTermSearch.acceptsNoise`). The residual z·Q − Σ cⱼφⱼ is the noise of z times Q:
    /// its size varies with x, which the lack-of-fit test does not mind.
    var acceptsNoise = false
    /// At most this many terms in numerator and denominator together (besides Q's constant).
    var maximumTerms = 4
    /// The support search runs on at most this many training rows (evenly strided).
    var searchRowLimit = 400
    /// A support is exact when its residual is at most this times the spread of z.
    var exactTolerance = 1e-7
    /// At most this many exact candidates are scored.
    var maximumCandidates = 8
    /// Checked as in `SparseTermSearch.shouldStop`.
    var shouldStop: (@Sendable () -> Bool)? = nil
    /// The strongest wave of the search rows when already known (`WaveArgument.strongest`,
    /// whose cost grows with the inputs, so it is found once and passed on): `.some(nil)` when
    /// there is none; nil to detect it here.
    var wave: WaveArgument?? = nil

    /// An exact support: T(y/P)·(1 + Σₖ dₖψₖ) = Σⱼ cⱼφⱼ.
    struct Candidate {
        var prefactor: SparseTermSearch.Prefactor
        var transform: TargetTransform
        var numerator: [(term: SparseTerm, coefficient: Double)]
        /// The terms ψₖ and dₖ (Q's constant 1 is not listed).
        var denominator: [(term: SparseTerm, coefficient: Double)]
        /// The residual over the exactness bound (`SparseTermSearch.Candidate.misfit`).
        var misfit = 0.0
    }

    /// The scored candidates of every exact support found.
    func run() -> [ScoredFormula] {
        var seen: Set<Expr> = []
        var results: [ScoredFormula] = []
        for candidate in exactSupports() {
            if let shouldStop, shouldStop() { break }
            guard results.count < maximumCandidates else { break }
            let prefactor = candidate.prefactor.expression(variables: variables)
            let target = prefactor == .one ? "y" : "(y/(\(prefactor)))"
            let numerator = candidate.numerator.map { $0.term.expression(variables: variables).description }
            let denominator = ["1"] + candidate.denominator.map { $0.term.expression(variables: variables).description }
            let origin = "sparse ratio \(candidate.transform.label(target))·("
                + denominator.joined(separator: " + ") + ") = " + numerator.joined(separator: " + ")
            // √N/√Q first: √(1/(1 − x₂²/x₃²)) is printed as √(−1/(x₂²/x₃² − 1)) once the
            // simplifier has ordered the sum, 1/√(1 − x₂²/x₃²) as it is. It is undefined where
            // N and Q are both negative; then √(N/Q).
            let forms = candidate.transform == .square ? [true, false] : [false]
            for splitRoot in forms {
                guard let formula = formula(candidate, splitRoot: splitRoot),
                      seen.insert(formula.expression).inserted else { continue }
                if let scored = data.scored(formula, origin: origin, shouldStop: shouldStop) {
                    results.append(scored)
                    break
                }
            }
        }
        return results
    }

    /// The exact supports of every prefactor and transform, smallest first within each.
    func exactSupports() -> [Candidate] {
        let n = variables.count
        guard let (rows, everyColumn) = SparseTermSearch.searchRows(
            data, variables: n, limit: searchRowLimit, terms: maximumTerms) else { return [] }
        let count = rows.count
        let nonNegative = everyColumn.map { $0.allSatisfy { $0 >= 0 } }
        // Monomials, then the oscillations a ratio of trigonometric sums needs: cos xₖ and
        // sin xₖ alone for inputs spanning half a period, and the strongest wave in a product
        // of inputs with its amplitudes. N-slit interference, I.30.3's x₁·sin²(x₂x₃/2)/sin²(x₂/2),
        // is y·(1 − cos x₂) = x₁ − x₁·cos x₂x₃. No logarithms.
        var dictionary = TermDictionary(
            inputs: n, nonNegative: nonNegative, positive: Array(repeating: false, count: n),
            angular: Array(repeating: false, count: n))
        for k in 0..<n where (everyColumn[k].max() ?? 0) - (everyColumn[k].min() ?? 0) >= Double.pi {
            let none = [Int](repeating: 0, count: n)
            dictionary.terms += [.oscillation(.cos, input: k, halves: none), .oscillation(.sin, input: k, halves: none)]
        }
        if let wave = wave ?? WaveArgument.strongest(rows) { dictionary.terms += wave.terms(inputs: n) }

        var terms: [SparseTerm] = []
        var values: [[Double]] = []
        for term in dictionary.terms {
            let column = (0..<count).map { term.value(rows.columns, at: $0) }
            guard column.allSatisfy(\.isFinite), column.contains(where: { $0 != 0 }) else { continue }
            terms.append(term)
            values.append(column)
        }
        let denominatorTerms = terms.indices.filter { !terms[$0].isConstant }
        // The denominators searched one by one (`supports`): monomials and oscillations without
        // an amplitude, for the prefactor 1 only (the numerator's terms carry a prefactor as
        // their amplitudes, and the search costs about the joint one per prefactor).
        let simpleDenominators = Set(denominatorTerms.filter { terms[$0].isBare })
        guard !terms.isEmpty, !denominatorTerms.isEmpty else { return [] }

        let sparse = SparseTermSearch(variables: variables, data: data)
        let noiseTest = acceptsNoise ? LackOfFitTest(columns: rows.columns) : nil
        var candidates: [Candidate] = []
        struct Problem: Hashable { var prefactor: SparseTermSearch.Prefactor, transform: TargetTransform }
        var tried: Set<Problem> = []
        for base in sparse.prefactorBases(nonNegative: nonNegative) {
            for transform in [TargetTransform.identity, .square] {
                if let shouldStop, shouldStop() { break }
                guard let prefactor = sparse.prefactor(base, for: transform, columns: everyColumn),
                      tried.insert(Problem(prefactor: prefactor, transform: transform)).inserted
                else { continue }
                guard let (z, zNorm, spread) = SparseTermSearch.transformedTarget(
                    rows, prefactor: prefactor, transform: transform) else { continue }
                candidates += supports(
                    z: z, zNorm: zNorm, spread: spread, terms: terms, values: values,
                    denominatorTerms: denominatorTerms,
                    simpleDenominators: base.allSatisfy { $0 == 0 } ? simpleDenominators : [],
                    prefactor: prefactor, transform: transform,
                    noiseTest: noiseTest)
            }
        }
        return SparseTermSearch.preferringExact(
            candidates, terms: { $0.numerator.count + $0.denominator.count }, misfit: \.misfit, rows: rows,
            noiseTest: noiseTest, formula: { formula($0) })
    }

    /// The exact supports for one z = T(y/P): columns φⱼ (the terms), then z·ψₖ.
    private func supports(
        z: [Double], zNorm: Double, spread: Double, terms: [SparseTerm], values: [[Double]],
        denominatorTerms: [Int], simpleDenominators: Set<Int>, prefactor: SparseTermSearch.Prefactor,
        transform: TargetTransform, noiseTest: LackOfFitTest? = nil
    ) -> [Candidate] {
        let count = z.count
        var columns: [[Double]] = []
        var norms: [Double] = []
        // For each column: the term's index, and whether it is a denominator column z·ψ.
        var sources: [(term: Int, inDenominator: Bool)] = []
        func add(_ column: [Double], _ source: (Int, Bool)) {
            let norm = column.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0, norm.isFinite else { return }
            columns.append(column.map { $0 / norm })
            norms.append(norm)
            sources.append(source)
        }
        for (j, column) in values.enumerated() { add(column, (j, false)) }
        for k in denominatorTerms { add((0..<count).map { z[$0] * values[k][$0] }, (k, true)) }
        let d = columns.count
        guard d > 0 else { return [] }

        let unit = z.map { $0 / zNorm }
        let gram = SparseTermSearch.gram(columns, count: count)
        let correlation = columns.map { column in zip(column, unit).reduce(0) { $0 + $1.0 * $1.1 } }
        // The narrower beam of before: among the ≈ 250 columns with z·ψₖ, a wider one reaches
        // supports of nearly dependent columns that pass the rounding test without being a law
        // (x₁ + x₂² on [0.5, 1]² with a beam of 96).
        var found = SparseSupportSearch(
            gram: gram, size: d, correlation: correlation, maximumTerms: maximumTerms, beamWidth: 24
        ).run()
        // Denominator first: z·ψₖ is forced and the numerator's terms are searched beside
        // it. The columns of a ratio explain z only together: in I.16.6 on [1, 5]³,
        // y·(1 + x₂x₃x₁⁻²) = x₂ + x₃, neither x₂, x₃ nor y·x₂x₃x₁⁻² is among the best columns
        // or pairs of the joint search (each explains 75–80 % of z, where monomials that mimic
        // y explain more), nor x₂ or x₃ among the best columns beside y·x₂x₃x₁⁻², while every
        // pair beside it has the numerator first. One denominator term only; the pairs are
        // closed-form (`SparseSupportSearch.pairs`), so that a search per ψₖ costs about what
        // the joint one does.
        let numeratorColumns = sources.indices.filter { !sources[$0].inDenominator }
        for k in sources.indices where sources[k].inDenominator && simpleDenominators.contains(sources[k].term) {
            if let shouldStop, shouldStop() { break }
            found += SparseSupportSearch(
                gram: gram, size: d, correlation: correlation, forced: [k], allowed: numeratorColumns,
                maximumTerms: maximumTerms - 1, beamWidth: 8
            ).run()
        }
        // Smallest supports first (a support containing an exact one is then skipped), the
        // joint search's before the others of a size, each once.
        var seenSupports: Set<Set<Int>> = []
        found = found.enumerated()
            .sorted { ($0.element.columns.count, $0.offset) < ($1.element.columns.count, $1.offset) }
            .map(\.element)
            .filter { seenSupports.insert(Set($0.columns)).inserted }
        var candidates: [Candidate] = []
        for fit in SparseTermSearch.exactFits(
            found, columns: columns, unit: unit, norm: zNorm, spread: spread, tolerance: exactTolerance,
            noiseTest: noiseTest) {
            // A plain sum (no z·ψ) is not reported, and its supersets (with dₖ ≈ 0) are skipped.
            guard fit.columns.contains(where: { sources[$0].inDenominator }),
                  fit.columns.contains(where: { !sources[$0].inDenominator })
            else { continue }
            var numerator: [(term: SparseTerm, coefficient: Double)] = []
            var denominator: [(term: SparseTerm, coefficient: Double)] = []
            for (j, c) in zip(fit.columns, fit.coefficients) {
                let coefficient = c * zNorm / norms[j]
                let term = terms[sources[j].term]
                // z = Σ cⱼφⱼ + Σ eₖ·z·ψₖ, so Q = 1 − Σ eₖψₖ.
                if sources[j].inDenominator {
                    denominator.append((term, -coefficient))
                } else {
                    numerator.append((term, coefficient))
                }
            }
            candidates.append(Candidate(
                prefactor: prefactor, transform: transform, numerator: numerator, denominator: denominator,
                misfit: fit.misfit))
        }
        return candidates
    }

    /// y = P·T⁻¹((Σⱼ θⱼφⱼ)/(1 + Σₖ ηₖψₖ)) with θ and η at the fitted coefficients; with
    /// `splitRoot` (T = y²), y = P·√N/√Q.
    func formula(_ candidate: Candidate, splitRoot: Bool = false) -> ParametricFormula? {
        guard !candidate.numerator.isEmpty, !candidate.denominator.isEmpty else { return nil }
        var parameters: [Double] = []
        func parameter(_ value: Double) -> Expr {
            parameters.append(value)
            return ParametricFormula.parameter(parameters.count - 1)
        }
        let numerator = Expr.sum(candidate.numerator.map { parameter($0.coefficient) * $0.term.expression(variables: variables) })
        let denominator = Expr.sum([.one] + candidate.denominator.map {
            parameter($0.coefficient) * $0.term.expression(variables: variables)
        })
        let prefactor = candidate.prefactor.expression(variables: variables)
        let expression = splitRoot
            ? prefactor * Expr.sqrt(numerator) * Expr.power(Expr.sqrt(denominator), Rational(-1))
            : prefactor * candidate.transform.inverse(numerator * Expr.power(denominator, Rational(-1)))
        return ParametricFormula(
            expression: expression, variables: variables,
            parameterNames: parameters.indices.map(ParametricFormula.parameterName), parameterValues: parameters)
    }
}
