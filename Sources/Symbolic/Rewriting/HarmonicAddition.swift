import Exact
import Foundation

/// Harmonic addition, a candidate of the trigonometric rules:
///
///     a·sin u + b·cos u = R·sin(u + φ),   R·cos φ = a,   R·sin φ = b
///
/// for a phase φ = kπ/12 whose sine and cosine are exact (the multiples of π/6 and π/4 in
/// `Trigonometry.swift`'s table), so R = a / cos φ is exact too:
/// sin x + cos x = √2·sin(x + π/4), √3·sin x + cos x = 2·sin(x + π/6),
/// sin x − √3·cos x = 2·sin(x − π/3). The form R·cos(u + φ − π/2) is proposed beside it.
/// The rewriter keeps either only when cheaper than the sum, which is when u is large
/// (it is then written once instead of twice). The reverse direction,
/// R·sin(u + φ) = a·sin u + b·cos u, is the expansion of sums of angles in
/// `TrigonometricRules.swift`, kept likewise when cheaper.
extension Expr {
    /// For a sum, each pair of terms a·sin u, b·cos u (b/a a number) written as one sine
    /// and as one cosine.
    func harmonicSums() -> [Expr] {
        guard case .sum(let terms) = node, terms.count <= 12 else { return [] }
        let parts = terms.enumerated().compactMap { index, term in
            term.singleSineOrCosine.map { (index, $0.0, $0.1, $0.2) }
        }
        var result: [Expr] = []
        for (sineIndex, f, u, a) in parts where f == .sin {
            for (cosineIndex, g, v, b) in parts where g == .cos && v == u {
                guard let (amplitude, phase) = Expr.harmonicAmplitudeAndPhase(a, b) else { continue }
                var rest = terms
                for index in [sineIndex, cosineIndex].sorted(by: >) { rest.remove(at: index) }
                result.append(Expr.sum(rest + [amplitude * Expr.sin(u + Expr.number(phase) * .pi)]))
                result.append(Expr.sum(rest + [amplitude * Expr.cos(u + Expr.number(phase - Rational.oneHalf) * .pi)]))
            }
        }
        return result
    }

    /// (f, u, c) for a term c·f(u) with f ∈ {sin, cos} and no other sine or cosine factor.
    private var singleSineOrCosine: (Function, Expr, Expr)? {
        let factors: [Expr]
        if case .product(let list) = node { factors = list } else { factors = [self] }
        var found: (Int, Function, Expr)? = nil
        for (index, factor) in factors.enumerated() {
            guard case .apply(let f, let args) = factor.node, f == .sin || f == .cos else { continue }
            if found != nil { return nil }
            found = (index, f, args[0])
        }
        guard let (index, f, u) = found else { return nil }
        var others = factors
        others.remove(at: index)
        return (f, u, Expr.product(others))
    }

    /// (R, k) with a = R·cos(kπ) and b = R·sin(kπ) exactly, k a multiple of 1/12 in
    /// (−1, 1]; R positive when a is a number, else cos(kπ) > 0. Nil when b/a is not a
    /// number or no such k has exact values.
    static func harmonicAmplitudeAndPhase(_ a: Expr, _ b: Expr) -> (Expr, Rational)? {
        let ratio = b / a
        guard !ratio.hasSymbol, !ratio.isUndefined else { return nil }
        let tangent = ratio.evaluate([:])
        guard tangent.isFinite else { return nil }
        let aValue: Double? = a.hasSymbol ? nil : a.evaluate([:])
        for twelfths in -11...12 where twelfths != 6 && twelfths != -6 {
            let angle = Double(twelfths) * Double.pi / 12
            guard Swift.abs(Foundation.tan(angle) - tangent) <= 1e-9 * (1 + Swift.abs(tangent)) else { continue }
            let cosine = Foundation.cos(angle)
            if let aValue { if (aValue > 0) != (cosine > 0) { continue } } else if cosine < 0 { continue }
            guard let k = try? Rational(twelfths, 12) else { continue }
            let phase = Expr.number(k) * .pi
            let amplitude = a / Expr.cos(phase)
            guard !amplitude.isUndefined, amplitude * Expr.sin(phase) == b else { continue }
            return (amplitude, k)
        }
        return nil
    }
}
