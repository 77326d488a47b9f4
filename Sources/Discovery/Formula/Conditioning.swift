import Exact
import Foundation
import Symbolic

/// Whether a formula computes its values stably on the data, or fakes them: terms that cancel
/// (−5.5·10⁹·cos(5·10⁻⁵·x) + 5.5·10⁹ standing in for 6.9·x²), or a function whose argument
/// hardly moves (cos(4.8·10⁻⁶·x), a parabola in disguise).
///
/// A least-squares fit can reach a low error with such a formula: two huge terms cancel to the
/// small signal, and any smooth function squeezed into a tiny range is its own Taylor
/// polynomial. The constants are then meaningless (eleven digits that only work together), the
/// printed decimals lose the result, and the formula says nothing about the law. `discover`
/// drops such candidates (`ScoringData.scored`).
///
/// Two measures, on the data's own samples:
/// - **cancellation** at every sum Σ tⱼ in the tree: κ = maxⱼ RMS(tⱼ) / RMS(Σ tⱼ). A sum that
///   is κ times smaller than its largest term has lost log₁₀ κ of the 16 digits a Double carries,
///   and its constants must be known to that many more digits than the result. Above
///   `maximumCancellation` (10⁶) fewer than 10 digits are left — fewer than a constant fitted
///   on noisy data is known to, so the value is an artefact of the fit. A sum that is constant
///   on the data (Σ tⱼ with RMS spread 0, e.g. a sum of constants) is not judged.
/// - **squeezed arguments**: a sin, cos, tan, exp, tanh, sinh or cosh whose argument spans less
///   than `minimumArgumentSpan` (10⁻³) across the samples is, to within span²/2 ≈ 5·10⁻⁷ of its
///   own values, an affine function of the argument: the function carries no information the
///   fit could not have put in a polynomial, and its fitted constants none at all. (log's
///   argument is judged by its relative span, the same test on log u = log u₀ + log(u/u₀).)
public struct Conditioning: Sendable, Hashable {
    /// The largest term-to-sum ratio allowed.
    public var maximumCancellation: Double
    /// The smallest span of a transcendental function's argument.
    public var minimumArgumentSpan: Double

    public init(maximumCancellation: Double = 1e6, minimumArgumentSpan: Double = 1e-3) {
        self.maximumCancellation = maximumCancellation
        self.minimumArgumentSpan = minimumArgumentSpan
    }

    /// Why `expression` (over `variables`) is ill-conditioned on `columns`, or nil when it is
    /// not (or cannot be evaluated, which the caller's scoring reports on its own).
    public func problem(_ expression: Expr, variables: [String], columns: [[Double]]) -> String? {
        var found: String?
        func values(_ expr: Expr) -> [Double]? {
            guard let compiled = try? expr.compile(variables: variables) else { return nil }
            let result = compiled.evaluate(columns: columns)
            return result.allSatisfy(\.isFinite) ? result : nil
        }
        func visit(_ expr: Expr) {
            guard found == nil, !expr.freeSymbols.isEmpty else { return }
            switch expr.node {
            case .sum(let terms):
                if let total = values(expr), let spread = Self.rms(total), spread > 0 {
                    let largest = terms.compactMap { values($0).flatMap(Self.rms) }.max() ?? 0
                    if largest > maximumCancellation * spread {
                        found = "terms cancel: the largest is \(String(format: "%.3g", largest / spread)) times the sum"
                        return
                    }
                }
            case .apply(let function, let arguments) where arguments.count == 1:
                if let argument = values(arguments[0]), let low = argument.min(), let high = argument.max() {
                    let span: Double
                    switch function {
                    case .sin, .cos, .tan, .exp, .tanh, .sinh, .cosh: span = high - low
                    case .log: span = low > 0 ? Foundation.log(high / low) : .infinity
                    default: span = .infinity
                    }
                    if span < minimumArgumentSpan {
                        found = "the argument of \(function.name) spans only \(String(format: "%.3g", span)) on the data"
                        return
                    }
                }
            default: break
            }
            for child in expr.children { visit(child) }
        }
        visit(expression)
        return found
    }

    /// Root mean square about zero (for the terms) — the scale of the values; nil if empty.
    static func rms(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        return (values.reduce(0) { $0 + $1 * $1 } / Double(values.count)).squareRoot()
    }
}

extension Expr {
    /// The expression with every function applied to fitted constants alone (sin(θ₃),
    /// exp(θ₁ − θ₂), names in `parameters`) written as a decimal of `significantDigits`
    /// significant digits: `0.253053`, not `sin(0.255832)`. Exact constants (snapped ones, π,
    /// exp(1)) are not parameters, so they stay exact.
    public func foldingFunctions(of parameters: [String: Double], significantDigits: Int = 6) -> Expr {
        transformed { expr in
            guard case .apply = expr.node else { return expr }
            let symbols = expr.freeSymbols
            guard !symbols.isEmpty, symbols.allSatisfy({ parameters[$0] != nil }) else { return expr }
            let value = expr.evaluate(parameters)
            guard value.isFinite, let rational = Rational.decimal(value, significantDigits: significantDigits)
            else { return expr }
            return .number(rational)
        }
    }
}
