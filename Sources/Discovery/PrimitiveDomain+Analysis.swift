import Foundation
import Symbolic

/// The domain of a primitive read off its defining expression in `x`.
///
///     PrimitiveDomain(of: .log(x))              // [0, ∞) with a pole at 0
///     PrimitiveDomain(of: .sqrt(1 - x))         // (-∞, 1]
///     PrimitiveDomain(of: .tan(2 * x))          // poles π/4 + k·π/2
///
/// Every subexpression that restricts its argument u contributes, when u = p·x + q is affine in
/// x (p a non-zero number): log(u) needs u ≥ 0 with a pole at 0; u^r needs u ≥ 0 for
/// non-integer r and has a pole at u = 0 for r < 0; asin(u) and acos(u) need |u| ≤ 1, atanh(u)
/// too with poles at ±1; tan(u) has poles at π/2 + kπ. The contributions are intersected
/// (bounds tightened, poles collected; one periodic pole family is kept). Restrictions on
/// non-affine arguments are not analysed: protected evaluation and the fit's finiteness checks
/// cover them.
extension PrimitiveDomain {
    public init(of expression: Expr, variable: String = Primitive.variable) {
        self.init()
        var pending = [expression]
        while let e = pending.popLast() {
            pending += e.children
            switch e.node {
            case .apply(.log, let args):
                restrict(args[0], variable: variable, low: 0, high: .infinity, poles: [0])
            case .apply(.asin, let args), .apply(.acos, let args):
                restrict(args[0], variable: variable, low: -1, high: 1, poles: [])
            case .apply(.atanh, let args):
                restrict(args[0], variable: variable, low: -1, high: 1, poles: [-1, 1])
            case .apply(.tan, let args):
                guard let (p, q) = Self.affine(args[0], variable), polePeriod == nil else { continue }
                // p·x + q = π/2 + kπ  ⇔  x = (π/2 − q)/p + k·π/|p|.
                poles.append((Double.pi / 2 - q) / p)
                polePeriod = Double.pi / abs(p)
            case .power(let base, let exponent):
                let integer = exponent.isInteger
                let negative = exponent.signum() < 0
                if !integer {
                    restrict(base, variable: variable, low: 0, high: .infinity, poles: negative ? [0] : [])
                } else if negative {
                    restrict(base, variable: variable, low: -.infinity, high: .infinity, poles: [0])
                }
            default:
                break
            }
        }
    }

    /// Intersects with {x : low ≤ u(x) ≤ high, u(x) ∉ poles} for u affine in x.
    private mutating func restrict(
        _ u: Expr, variable: String, low: Double, high: Double, poles uPoles: [Double]
    ) {
        guard let (p, q) = Self.affine(u, variable) else { return }
        // x = (u − q)/p; a negative p swaps the ends.
        let ends = [(low - q) / p, (high - q) / p]
        let lo = p > 0 ? ends[0] : ends[1], hi = p > 0 ? ends[1] : ends[0]
        if !lo.isNaN { lowerBound = Swift.max(lowerBound, lo) }
        if !hi.isNaN { upperBound = Swift.min(upperBound, hi) }
        for pole in uPoles {
            let x = (pole - q) / p
            if x.isFinite, !poles.contains(x) { poles.append(x) }
        }
    }

    /// (p, q) with u = p·x + q, p a non-zero number and q finite; nil otherwise.
    static func affine(_ u: Expr, _ variable: String) -> (Double, Double)? {
        guard u.contains(symbol: variable) else { return nil }
        let slope = u.derivative(withRespectTo: variable)
        guard slope.freeSymbols.isEmpty else { return nil }
        let p = slope.evaluate([:])
        let q = u.evaluate([variable: 0])
        guard p.isFinite, p != 0, q.isFinite else { return nil }
        return (p, q)
    }
}
