import Exact
import Foundation
import Symbolic

/// Whether noisy data pin a formula's exact constants to the numbers it prints, or whether each
/// could be a chance match among numbers as simple.
///
/// A formula that fits to the noise floor is not yet the law: with its constants free, a
/// look-alike fits too (I.8.14 at 1 % noise came back as a square root of seven terms with
/// constants such as 25·√2/(176·π⁴), its residuals noise). What tells the law apart is that its
/// constants are *simple beyond chance*. Each constant c of the printed formula (a maximal
/// variable-free factor of a product or term of a sum: `1/(4*pi)` in x1·x2/(4π·x3²), never an
/// exponent) is freed and refitted on the training rows, to ĉ with standard error s
/// (`FormulaFit.standardErrors`), and two explanations of ĉ are weighed (a Bayes factor):
///
/// - *c exactly*: ĉ is c plus a normal error of deviation s, likelihood φ(δ)/s with
///   δ = (ĉ − c)/s and φ the standard normal density; a priori c is only one of the N snap
///   candidates p/q·π^(k/2)·√2^m costing no more than it (|p| + q + the basis's cost, as the
///   snapper ranks them, `SnapBasis`) near ĉ, in [|c|(1 − η), |c|(1 + η)], η = 1/2;
/// - *no exact value*: the constant is any number of that neighbourhood, density 1/(2η|c|).
///
/// With even prior odds, the posterior odds for the exact value and the chance that it is a
/// coincidence are
///
///     odds = 2η|c|·φ(δ) / (N·s),    chance = 1 / (1 + odds).
///
/// 3/2 fitted as 1.5003 ± 0.0002 has odds in the thousands; 25·√2/(176·π⁴), pinned to four
/// digits among a thousand numbers as simple, has odds far below 1, and so has a decimal that
/// never snapped (N is then astronomical). A constant is *pinned* when its chance is at most
/// `maximumChance`.
///
/// A formula with k judged constants has k deviations, and the largest of k standard normal
/// draws is larger than one draw: judged one at a time, a law with three constants would lose
/// one of them to a deviation past 2 standard errors about one time in eight (I.9.18 through
/// 1 % noise: the third of its three −1s, in (x₄ − x₅)², fitted 2.05 standard errors away).
/// Each deviation is therefore read at the formula's level (Šidák's correction): its
/// two-sided tail probability p = erfc(|δ|/√2) becomes 1 − (1 − p)ᵏ, the chance that the
/// largest of k deviations is as far, and δ the normal deviate of that probability. With one
/// constant nothing changes.
///
/// Constants that are not of that form (√3, log 2) are not judged: the snapper never proposes
/// them, so they came from the structure, not from a fit.
struct ConstantSupport {
    /// One constant of the formula, with the evidence for its exact value.
    struct Constant: Sendable, Hashable {
        /// The exact constant as printed.
        var expression: Expr
        var value: Double
        /// ĉ, its value refitted with the other constants on (a sample of) the training rows.
        var fitted: Double
        /// s, its standard error on all the training rows, +∞ where the data do not determine it.
        var standardError: Double
        /// The posterior chance that the constant has no exact value and only lies near one (its
        /// deviation read at the formula's level, `deviation(_:among:)`).
        var chance: Double
    }

    /// The largest chance at which a constant counts as pinned by the data: a 95 % posterior
    /// for the exact value, the usual level.
    static let maximumChance = 0.05
    /// η, the neighbourhood's half-width relative to |c|.
    static let neighbourhood = 0.5
    /// The most rows the refit reads.
    static let sampledRows = 2000

    /// The judged constants, in the order they appear.
    var constants: [Constant]

    /// The constants the data do not pin to their printed values.
    var unsupported: [Constant] { constants.filter { !($0.chance <= Self.maximumChance) } }

    /// The evidence for each constant of `formula` on `data`; nil when the formula cannot be
    /// evaluated there. A formula without judged constants has none.
    init?(formula: Expr, variables: [String], data: FormulaData) {
        var lifted = ConstantLifting(variables: Set(variables))
        let expression = lifted.lift(formula)
        let forms = lifted.constants.map(SnapForm.init)
        guard forms.contains(where: { $0 != nil }) else {
            constants = []
            return
        }
        // Constants that are not judged stay free too, so that their uncertainty is counted.
        let exact = ParametricFormula(
            expression: expression, variables: variables,
            parameterNames: lifted.constants.indices.map(ParametricFormula.parameterName),
            parameterValues: lifted.constants.map { $0.evaluate([:]) })
        guard exact.parameterValues.allSatisfy(\.isFinite) else { return nil }
        // The refit reads at most `sampledRows` rows (evenly strided): on 48,000 rows a formula of
        // fifteen constants took seconds past the time limit. Standard errors shrink as 1/√n, so
        // those of all n rows are the sample's times √(m/n); δ is the sample's own.
        let rows = data.strided(limit: Self.sampledRows)
        let shrink = (Double(rows.count) / Double(Swift.max(data.count, 1))).squareRoot()
        let fit = FormulaFit(maximumIterations: 50)
        // A fit that fails leaves ĉ = c: its standard errors are then taken at the exact values.
        let free: ParametricFormula
        if case .success(let fitted) = fit.fit(exact, to: rows) { free = fitted.formula } else { free = exact }
        guard let errors = fit.standardErrors(of: free, on: rows) ?? fit.standardErrors(of: exact, on: rows)
        else { return nil }
        let judged = forms.filter { $0 != nil }.count
        constants = forms.indices.compactMap { k -> Constant? in
            guard let form = forms[k] else { return nil }
            let value = exact.parameterValues[k], fitted = free.parameterValues[k]
            let deviation = Self.deviation(
                errors[k] > 0 ? (fitted - value) / errors[k] : (fitted == value ? 0 : .infinity), among: judged)
            return Constant(
                expression: lifted.constants[k], value: value, fitted: fitted, standardError: errors[k] * shrink,
                chance: form.chance(value: value, deviation: deviation, standardError: errors[k] * shrink))
        }
    }
}

extension ConstantSupport {
    /// The deviation δ of one of `count` constants read at the formula's level: the normal
    /// deviate whose two-sided tail probability is 1 − (1 − p)ᵏ, p = erfc(|δ|/√2) (Šidák).
    static func deviation(_ delta: Double, among count: Int) -> Double {
        guard count > 1, delta.isFinite, delta != 0 else { return delta }
        let tail = erfc(Swift.abs(delta) / 2.0.squareRoot())
        // 1 − (1 − p)ᵏ without cancellation when p is tiny.
        let adjusted = -expm1(Double(count) * log1p(-tail))
        // Beyond the doubles' reach (p = 0), or no tail left to widen: δ as it is.
        guard tail > 0, adjusted < 1 else { return adjusted >= 1 ? 0 : delta }
        // erfc is decreasing: bisect for erfc(z/√2) = adjusted on [0, |δ|].
        var low = 0.0, high = Swift.abs(delta)
        for _ in 0..<100 {
            let middle = (low + high) / 2
            if erfc(middle / 2.0.squareRoot()) > adjusted { low = middle } else { high = middle }
        }
        return (low + high) / 2 * (delta < 0 ? -1 : 1)
    }
}

/// The constants of a formula taken out as parameters θ0, θ1, …: each maximal variable-free
/// factor of a product and term of a sum, and a variable-free formula as a whole. Exponents
/// are structure and stay.
private struct ConstantLifting {
    let variables: Set<String>
    var constants: [Expr] = []

    mutating func lift(_ expr: Expr) -> Expr {
        if isConstant(expr) { return parameter(for: expr) }
        switch expr.node {
        case .sum(let terms): return Expr.sum(split(terms, combine: Expr.sum))
        case .product(let factors): return Expr.product(split(factors, combine: Expr.product))
        case .power(let base, let exponent): return Expr.power(lift(base), exponent)
        case .apply(let function, let arguments): return Expr.apply(function, arguments.map { lift($0) })
        default: return expr
        }
    }

    private mutating func split(_ parts: [Expr], combine: ([Expr]) -> Expr) -> [Expr] {
        let constant = parts.filter(isConstant)
        var rest = parts.filter { !isConstant($0) }.map { lift($0) }
        if !constant.isEmpty { rest.append(parameter(for: combine(constant))) }
        return rest
    }

    private func isConstant(_ expr: Expr) -> Bool { expr.freeSymbols.isDisjoint(with: variables) }

    private mutating func parameter(for constant: Expr) -> Expr {
        constants.append(constant)
        return ParametricFormula.parameter(constants.count - 1)
    }
}

/// An exact constant as the snapper writes them, r·π^(h/2)·√2^m (m = 0 or 1), and how many
/// numbers of that form are as simple.
private struct SnapForm {
    var rational: Rational
    var basis: SnapBasis

    init?(_ expr: Expr) {
        guard let (rational, piHalves, rootTwos) = Self.factors(expr), !rational.isZero else { return nil }
        // √2² = 2 moves into the rational.
        var r = rational
        let pairs = rootTwos >= 0 ? rootTwos / 2 : -((-rootTwos + 1) / 2)
        guard Swift.abs(pairs) <= 30 else { return nil }
        let power = Rational(1 << Swift.abs(pairs))
        guard let scaled = pairs >= 0 ? r * power : try? r / power else { return nil }
        r = scaled
        self.rational = r
        basis = SnapBasis(piHalves: piHalves, rootTwo: rootTwos - 2 * pairs == 1)
    }

    /// (r, h, m) with expr = r·π^(h/2)·2^(m/2), or nil for any other constant.
    private static func factors(_ expr: Expr) -> (Rational, Int, Int)? {
        switch expr.node {
        case .number(let r): return (r, 0, 0)
        case .pi: return (Rational(1), 2, 0)
        case .power(let base, let exponent):
            let doubled = exponent * Rational(2)
            guard doubled.denominator == BigInteger(1), let halves = doubled.numerator.asInt,
                  Swift.abs(halves) <= 24 else { return nil }
            if case .pi = base.node { return (Rational(1), halves, 0) }
            if base.numberValue == Rational(2) { return (Rational(1), 0, halves) }
            return nil
        case .product(let factors):
            var result = (Rational(1), 0, 0)
            for factor in factors {
                guard let (r, h, m) = Self.factors(factor) else { return nil }
                result = (result.0 * r, result.1 + h, result.2 + m)
            }
            return result
        default: return nil
        }
    }

    /// |p| + q + the basis's cost, as `Rationalization.candidates` ranks snaps.
    var cost: Int {
        let p = rational.numerator.magnitude.asInt ?? Int.max / 4
        let q = rational.denominator.asInt ?? Int.max / 4
        return p &+ q &+ basis.cost
    }

    /// The chance of `ConstantSupport`: 1/(1 + odds), odds = 2η|c|·φ(δ)/(N·s), counting the
    /// N numbers p/q·b (reduced; bases with |k| up to this one's or 6) costing at most `cost`
    /// within η·|c| of c = `value`.
    /// `deviation` is δ = (ĉ − c)/s.
    func chance(value: Double, deviation delta: Double, standardError s: Double) -> Double {
        guard value != 0, value.isFinite, delta.isFinite, !s.isNaN else { return 1 }
        guard s > 0 else { return 0 }
        guard s.isFinite else { return 1 }
        let width = ConstantSupport.neighbourhood * Swift.abs(value)
        let density = Foundation.exp(-delta * delta / 2) / (2 * Double.pi).squareRoot()
        let odds = { (count: Double) in 2 * width * density / (count * s) }
        // Past the count at which the odds fall below 10⁻⁶, counting further changes nothing.
        let enough = 2 * width * density / (1e-6 * s)
        let budget = cost
        let reach = Swift.max(6, Swift.abs(basis.piHalves))
        var count = 0.0
        counting: for piHalves in -reach...reach {
            for rootTwo in [false, true] {
                let candidate = SnapBasis(piHalves: piHalves, rootTwo: rootTwo)
                let left = budget - candidate.cost
                guard left >= 2 else { continue }
                let b = candidate.value
                if left > 1000 {
                    count += Self.reducedFractions(from: (value - width) / b, to: (value + width) / b, cost: Double(left))
                    if count >= enough { break counting }
                    continue
                }
                for q in 1..<left {
                    let most = left - q
                    let low = Swift.max(-Double(most), ((value - width) * Double(q) / b).rounded(.up))
                    let high = Swift.min(Double(most), ((value + width) * Double(q) / b).rounded(.down))
                    guard low <= high else { continue }
                    if high - low > 256 {
                        // A long run of numerators: a share 6/π² of them is prime to q, on average.
                        count += (high - low + 1) * 6 / (Double.pi * Double.pi)
                    } else {
                        for p in Int(low)...Int(high) where p != 0 && Self.gcd(Swift.abs(p), q) == 1 {
                            count += 1
                        }
                    }
                    if count >= enough { break counting }
                }
            }
        }
        return 1 / (1 + odds(Swift.max(count, 1)))
    }

    /// About how many reduced p/q with |p| + q ≤ C lie in [a, b] (0 < a < b): the lattice
    /// points of the triangle between the rays p = a·q, p = b·q and the line p + q = C, of area
    /// C²(b − a) / (2(1 + a)(1 + b)), a share 6/π² of them reduced. Negative ranges mirror.
    static func reducedFractions(from a: Double, to b: Double, cost c: Double) -> Double {
        if b <= 0 { return reducedFractions(from: -b, to: -a, cost: c) }
        if a < 0 { return reducedFractions(from: 0, to: -a, cost: c) + reducedFractions(from: 0, to: b, cost: c) }
        return c * c * (b - a) / (2 * (1 + a) * (1 + b)) * 6 / (Double.pi * Double.pi)
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
