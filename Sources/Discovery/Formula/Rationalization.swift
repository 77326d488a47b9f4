import Exact
import Foundation
import Symbolic

/// Snapping a refitted formula's constants to exact numbers, keeping each snap only where the
/// held-out data still agree.
///
/// ```swift
/// let result = Rationalization().rationalize(formula, train: train, validation: validation)
/// result?.expression   // exp(x2^2 + sin(pi*x1)), an exact Expr
/// ```
///
/// The steps:
/// 1. canonicalise the parameters (`ParametricFormula.canonicalized()`) and refit them
///    (`FormulaFit`) on the training data; the validation RMSE of this unsnapped formula is
///    the *baseline* e₀;
/// 2. greedily, parameter by parameter, try its candidate snaps simplest first (0, ±1, small
///    rationals p/q, rational multiples of π; see `candidates(for:)`): substitute the exact
///    number, refit the other parameters, and keep the snap when the validation RMSE e stays
///    within the tolerance
///
///        e ≤ max(growth · e₀, e₀ + absoluteFloor · scale),    scale = the target's spread,
///
///    (defaults growth = 1.1, absoluteFloor = 1e-9). Always against the *unsnapped* e₀, so that
///    accepted snaps cannot drift the error upward step by step. On noiseless data an exact
///    snap leaves e near 1e-15·scale while a wrong one jumps to ≥ 1e-6·scale; with noise of
///    standard deviation σ, e₀ ≈ σ and a snap is kept when it costs at most 10 % of it. After
///    each kept snap the formula is canonicalised again, so that a term the snap made constant
///    (θ·sin(0·x + θ′)) merges into the other constants, and the pass restarts; a pass that
///    keeps no snap ends the search;
/// 3. the parameters that never snapped are written as short decimals: the fewest significant
///    digits, from `significantDigits` (6) up to 17, whose formula still meets the tolerance
///    above on the validation data (see `Rational.decimal(_:significantDigits:)`); noisy data
///    get 6 digits, noiseless data as many as they can tell apart. Then the formula is
///    simplified exactly;
/// 4. domains: each input's range over the training and validation rows is declared
///    to the simplifier (`Assumptions`), so that identities true only for positive arguments,
///    √(x²) = x, √a·√b = √(ab), apply where every sample is positive. `Expr.simplified` also
///    applies identities such as exp(log x − log y) = x/y
///    that hold only where the left side is defined, and extends the domain. The simplified
///    formula is therefore compared with the unsimplified one at every training and
///    validation sample; if it differs anywhere the unsimplified one is defined (relative
///    1e-9), the unsimplified (still canonical, exact) form is kept.
///
/// Deterministic; each trial is one bounded refit.
public struct Rationalization: Sendable, Hashable {
    /// A snap is kept while the validation RMSE is at most `growth` times the baseline …
    public var growth: Double
    /// … or the baseline plus `absoluteFloor` times the target's scale.
    public var absoluteFloor: Double
    /// Largest denominator q of a snapped rational p/q.
    public var maximumDenominator: Int
    /// Largest denominator q of a snapped multiple of π, p/q·π.
    public var maximumPiDenominator: Int
    /// At most this many rational candidate snaps per parameter and pass, and as many
    /// irrational ones.
    public var maximumCandidates: Int
    /// The fewest significant digits of the constants that never snap.
    public var significantDigits: Int
    /// The refit used for every trial.
    public var fit: FormulaFit
    /// The chance, at most, that some true constant of a formula lies outside its snapping
    /// window. A formula's p constants are each given z standard errors, erfc(z/√2) = this/p
    /// (Bonferroni): z = 3.29 for one constant, 3.48 for two, 3.72 for five. A fixed 3 missed
    /// one constant in 370, which across a formula's constants and a suite's laws is often
    /// (II.21.32 at 1 % noise: −0.99691 ± 0.00093 for −1, 3.3 standard errors off). A number
    /// inside a window is only tried: verification on held-out rows decides.
    public var missProbability = 0.001
    /// The window's half-width in standard errors for a formula of `parameters` constants.
    public func uncertainties(parameters: Int) -> Double {
        let tail = missProbability / Double(Swift.max(parameters, 1))
        // erfc(z/√2) falls from 1 at z = 0; bisect for the z where it reaches `tail`.
        var low = 0.0, high = 40.0
        for _ in 0..<80 {
            let middle = (low + high) / 2
            if Foundation.erfc(middle / 2.0.squareRoot()) > tail { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
    /// The smallest snapping window, relative to the value: closer numbers print alike.
    static let printedPrecision = 1e-6
    /// The widest window, relative to the value, in which the rarer bases (π^(±3/2), π^(±2),
    /// π^(±5/2), π^(±3)) are offered. A window of relative width ρ holds about 600·ρ numbers
    /// p/q with q ≤ 32 per basis, so every basis added makes a chance candidate likelier; the
    /// rare ones need the data to pin the constant to four digits (noiseless data pin it to
    /// ten), where a chance hit among them is unlikely. At 1 % noise a look-alike's constants
    /// otherwise snapped to products like √2/(550π⁹) (I.8.14).
    static let rareBasisWindow = 1e-4

    public init(
        growth: Double = 1.1, absoluteFloor: Double = 1e-9, maximumDenominator: Int = 100,
        maximumPiDenominator: Int = 32, maximumCandidates: Int = 8, significantDigits: Int = 6,
        fit: FormulaFit = FormulaFit(maximumIterations: 100)
    ) {
        self.growth = growth
        self.absoluteFloor = absoluteFloor
        self.maximumDenominator = maximumDenominator
        self.maximumPiDenominator = maximumPiDenominator
        self.maximumCandidates = maximumCandidates
        self.significantDigits = significantDigits
        self.fit = fit
    }

    /// The outcome: the exact final formula and how it was reached.
    public struct Outcome: Sendable, Hashable {
        /// The final formula: snapped constants exact, the others short decimals, simplified
        /// where the data's domain allows.
        public var expression: Expr
        /// The formula after snapping and refitting, with the parameters that did not snap.
        public var formula: ParametricFormula
        /// Validation RMSE of the canonicalised, refitted, unsnapped formula (e₀).
        public var baselineRMSE: Double
        /// Validation RMSE of `formula` (with its parameters at full precision).
        public var validationRMSE: Double
        /// Validation RMSE of `expression` (with its decimal constants); nil if not finite.
        public var finalRMSE: Double?
        /// The snaps kept, in order: (value before the snap, exact number).
        public var snaps: [Snap]
        /// Whether `Expr.simplified()` was rejected because it changed values on the data.
        public var keptUnsimplified: Bool
    }

    /// One accepted snap.
    public struct Snap: Sendable, Hashable {
        public var value: Double
        public var exact: Expr
    }

    /// The rationalised formula, or nil when the formula cannot be fitted (not finite on the
    /// training or validation data, malformed, no data): a failed fit is never a NaN score.
    /// `validation` defaults to the training data (then snaps are judged on the data they were
    /// fitted to, which is weaker on noisy data). `shouldStop` (a time limit, Ctrl-C) is checked
    /// before every trial refit and inside every refit; when it returns true the result is nil,
    /// as for a failed fit.
    public func rationalize(
        _ formula: ParametricFormula, train: FormulaData, validation: FormulaData? = nil,
        shouldStop: (() -> Bool)? = nil
    ) -> Outcome? {
        let held = validation ?? train
        guard case .success(let baseline) = fit.fit(formula.canonicalized(), to: train, shouldStop: shouldStop),
              let baselineError = held.rmse(of: baseline.formula)
        else { return nil }
        let allowed = Swift.max(growth * baselineError, baselineError + absoluteFloor * held.targetScale)
        var current = baseline.formula
        var currentError = baselineError
        var snaps: [Snap] = []
        var rejected: Set<Trial> = []
        var changed = true
        // Every kept snap removes a parameter, so this many passes always suffice; the bound
        // only guards against a canonicalisation that would not shrink the formula.
        var passes = 0
        while changed, passes <= baseline.formula.parameterCount {
            changed = false
            passes += 1
            let errors = fit.standardErrors(of: current, on: train)
                ?? [Double](repeating: .infinity, count: current.parameterCount)
            search: for (k, (name, value)) in zip(current.parameterNames, current.parameterValues).enumerated() {
                for candidate in candidates(for: value, standardError: errors[k], parameters: baseline.formula.parameterCount) {
                    if let shouldStop, shouldStop() { return nil }
                    let trial = Trial(formula: current.expression, parameter: name, candidate: candidate)
                    if rejected.contains(trial) { continue }
                    let snapped = current.fixing(name, to: candidate)
                    if case .success(let refitted) = fit.fit(snapped, to: train, shouldStop: shouldStop),
                       let error = held.rmse(of: refitted.formula), error <= allowed {
                        current = refitted.formula.canonicalized()
                        currentError = error
                        snaps.append(Snap(value: value, exact: candidate))
                        changed = true
                        break search
                    }
                    rejected.insert(trial)
                }
            }
        }
        var substituted = current.substituting(significantDigits: 17)
        if !current.parameterNames.isEmpty {
            for digits in stride(from: Swift.max(1, significantDigits), through: 16, by: 2) {
                let rounded = current.substituting(significantDigits: digits)
                if let error = held.rmse(predictions: Self.evaluate(rounded, current.variables, held)),
                   error <= allowed {
                    substituted = rounded
                    break
                }
            }
        }
        let assumptions = Self.domains(of: current.variables, in: [train, held])
        let (expression, keptUnsimplified) = Self.simplifiedWithinDomain(
            substituted, variables: current.variables, data: [train, held],
            simplify: { $0.simplified(assuming: assumptions) })
        let finalError = held.rmse(predictions: Self.evaluate(expression, current.variables, held))
        return Outcome(
            expression: expression, formula: current, baselineRMSE: baselineError,
            validationRMSE: currentError, finalRMSE: finalError, snaps: snaps,
            keptUnsimplified: keptUnsimplified)
    }

    /// A snap already tried and refused on this very formula.
    private struct Trial: Hashable {
        var formula: Expr
        var parameter: String
        var candidate: Expr
    }

    /// The exact numbers a parameter of value `value` may snap to, simplest first.
    ///
    /// All lie within `uncertainties(parameters:)` standard errors of the value (3.29 for a
    /// formula of one constant, more for more; `standardError`, from the
    /// refit's Jacobian and residual, `FormulaFit.standardErrors`): a number the data cannot tell
    /// apart from the fitted one. On noisy data that lets 1.50291 ± 0.002 become 3/2; on
    /// noiseless data the window shrinks to rounding, and a look-alike's constants (whose misfit
    /// makes them uncertain only in proportion) do not snap to whatever simple number is near.
    /// The window is never below 10⁻⁶·|v| (a constant is printed to 6 significant digits, so
    /// closer numbers print alike, and a refit stops short of the last digits) and never above
    /// the loose window |c − v| ≤ 0.05·|v| + 0.01 that applies when the standard error is
    /// unknown or infinite (degenerate constants; verification decides), which also holds for 0
    /// (a snap to 0 drops a term, and verification decides whether it may). Numerators are at most
    /// 10⁴ (10³ with an irrational factor): an eleven-digit number is a fitted artefact, not
    /// p/q·π. Within the window: 0, ±1, then the simplest rationals p/q (q ≤ `maximumDenominator`) and
    /// multiples p/q·b of the irrational bases b = π^(k/2) for k in −6…6 and each of them times
    /// √2 (q ≤ `maximumPiDenominator`; see `SnapBasis`), within windows shrinking tenfold at each
    /// step, so that 0.05 offers 1/16 (window 0.0125) and then 1/20 (window 0.00125). Ordered
    /// by |p| + q + the basis's cost (π, 1/π, √2: 2; √π, 1/√π: 3; π², 1/π²: 4; products add),
    /// rationals before the others on ties: 0, ±1, 1/2, 2, π, 3/2, 22/7…. Physics constants such
    /// as 1/(4π), 3/(20π), 1/(8π²), 1/(2π³) and 1/√(2π) = (1/2)·√2/√π are among them.
    public func candidates(for value: Double, standardError: Double = .infinity, parameters: Int = 1) -> [Expr] {
        guard value.isFinite else { return [] }
        let looseWindow = 0.05 * Swift.abs(value) + 0.01
        var window = looseWindow
        if standardError.isFinite {
            window = Swift.min(window, Swift.max(
                uncertainties(parameters: parameters) * standardError, Self.printedPrecision * Swift.abs(value)))
        }
        var scored: [(score: Int, order: Int, rational: Bool, expr: Expr)] = []
        var seen: Set<Expr> = []
        func add(_ rational: Rational, basis: SnapBasis) {
            let expr = Expr.number(rational) * basis.expression
            guard !seen.contains(expr) else { return }
            let exact = Double(rational) * basis.value
            // 0 removes a term rather than naming a constant: the loose window and verification.
            let p = rational.numerator.magnitude.asInt ?? Int.max / 4
            guard Swift.abs(exact - value) <= (rational.isZero ? looseWindow : window), p <= basis.maximumNumerator
            else { return }
            seen.insert(expr)
            let q = rational.denominator.asInt ?? Int.max / 4
            scored.append((p + q + basis.cost, scored.count, basis.cost == 0, expr))
        }
        for simple in [Rational(0), Rational(1), Rational(-1)] { add(simple, basis: .one) }
        var tolerance = window
        for _ in 0..<8 {
            if let r = Rational.approximating(value, tolerance: tolerance, maxDenominator: maximumDenominator) {
                add(r, basis: .one)
            }
            for basis in SnapBasis.irrational where basis.isCommon || window <= Self.rareBasisWindow * Swift.abs(value) {
                if let r = Rational.approximating(
                    value / basis.value, tolerance: tolerance / basis.value, maxDenominator: maximumPiDenominator),
                   !r.isZero {
                    add(r, basis: basis)
                }
            }
            tolerance /= 10
            if tolerance < 1e-12 * Swift.abs(value) { break }
        }
        scored.sort { ($0.score, $0.order) < ($1.score, $1.order) }
        // The cap applies to rationals and irrational multiples separately: the 24 irrational
        // bases offer many cheap numbers in a wide window, and must not crowd out p/q.
        let rationals = scored.filter(\.rational).prefix(maximumCandidates)
        let irrationals = scored.filter { !$0.rational }.prefix(maximumCandidates)
        return (rationals + irrationals).sorted { ($0.score, $0.order) < ($1.score, $1.order) }.map(\.expr)
    }

    /// `simplify(expr)` unless it disagrees with `expr` at a sample where `expr` is defined
    /// (identities valid only on part of the domain); then `expr` itself. The flag is true when
    /// the simplification was refused.
    ///
    /// Agreement means |a − b| ≤ 1e-9·max(|a|, scale) at every sample where the unsimplified
    /// value a is finite (the simplified b may be defined where a is not: the domain may grow,
    /// never change values). The comparison is numeric because whether x, y > 0 holds is a
    /// property of the data, not of the expression.
    static func simplifiedWithinDomain(
        _ expr: Expr, variables: [String], data: [FormulaData],
        simplify: (Expr) -> Expr = { $0.simplified() }
    ) -> (Expr, Bool) {
        let simplified = simplify(expr)
        if simplified == expr { return (expr, false) }
        for set in data {
            let before = evaluate(expr, variables, set)
            let after = evaluate(simplified, variables, set)
            guard before.count == after.count else { return (expr, true) }
            for (a, b) in zip(before, after) where a.isFinite {
                let scale = Swift.max(Swift.abs(a), set.targetScale)
                if !(Swift.abs(a - b) <= 1e-9 * scale) { return (expr, true) }
            }
        }
        return (simplified, false)
    }

    /// Each variable's closed range over the samples of `data` (none for a variable with a
    /// non-finite or missing value).
    static func domains(of variables: [String], in data: [FormulaData]) -> Assumptions {
        var assumptions = Assumptions()
        for (i, name) in variables.enumerated() {
            let values = data.flatMap { $0.columns.indices.contains(i) ? $0.columns[i] : [] }
            guard let low = values.min(), let high = values.max(), low.isFinite, high.isFinite,
                  values.allSatisfy(\.isFinite)
            else { continue }
            assumptions[name] = SymbolDomain(lower: low, upper: high)
        }
        return assumptions
    }

    /// The values of an exact expression at the samples; NaN everywhere if it does not compile.
    static func evaluate(_ expr: Expr, _ variables: [String], _ data: FormulaData) -> [Double] {
        guard let compiled = try? expr.compile(variables: variables) else {
            return [Double](repeating: .nan, count: data.count)
        }
        return compiled.evaluate(columns: data.columns)
    }
}

/// An irrational factor b of a snapped constant p/q·b: π^(k/2)·√2^m for k in −6…6, m in 0…1.
///
/// Laws of physics carry these: 1/(4π) (Coulomb), 1/(2π), √(2π) and 1/√(2π) (the normal
/// density, (1/2)·√2/√π), √π, and whole powers up to the third from solid angles and phase
/// space: π² in a wave number (k² − π²/d²), 1/(8π²), 1/(2π³) = 4/(2π)³ in Planck's law. The
/// cost ranks the snaps (a rational p/q costs |p| + q on its own): π^n costs 2|n| (π and 1/π
/// cost 2 like √2, π² 4), a half power 2 more than its whole part's cost (√π 3, π^(3/2) 5),
/// and a product of two the sum.
struct SnapBasis {
    /// The exponent of π, in halves.
    var piHalves: Int
    /// Whether √2 is a factor.
    var rootTwo: Bool

    static let one = SnapBasis(piHalves: 0, rootTwo: false)

    /// Every basis but 1, cheapest first.
    static let irrational: [SnapBasis] = Array(-6...6)
        .flatMap { k in [false, true].map { SnapBasis(piHalves: k, rootTwo: $0) } }
        .filter { $0.piHalves != 0 || $0.rootTwo }
        .sorted { $0.cost < $1.cost }

    var value: Double {
        Foundation.pow(Double.pi, Double(piHalves) / 2) * (rootTwo ? 2.0.squareRoot() : 1)
    }

    var expression: Expr {
        var factors: [Expr] = []
        if piHalves != 0, let exponent = try? Rational(piHalves, 2) { factors.append(Expr.power(.pi, exponent)) }
        if rootTwo { factors.append(Expr.sqrt(2)) }
        return Expr.product(factors)
    }

    /// Whether the basis is one of the common ones, π^k for k in −1…1 in halves, possibly
    /// times √2 (offered in any window); the others are rarer (`rareBasisWindow`).
    var isCommon: Bool { Swift.abs(piHalves) <= 2 }

    /// The largest numerator |p| of p/q·b: 10⁴ for rationals, 10³ with an irrational factor.
    var maximumNumerator: Int { piHalves == 0 && !rootTwo ? 10_000 : 1_000 }

    var cost: Int {
        let piCost = Swift.abs(piHalves) + (piHalves.isMultiple(of: 2) ? 0 : 2)
        return piCost + (rootTwo ? 2 : 0)
    }
}
