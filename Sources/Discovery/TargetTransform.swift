import Exact
import Foundation
import Symbolic

/// A transform T of the target under which a law becomes a sparse sum of terms
/// (`SparseTermSearch`), and its inverse.
///
///     T(z) = z        z = S
///     T(z) = 1/z      z = S⁻¹          1/(x₃/x₂ + 1/x₁)
///     T(z) = z²       z = √S           √(x₁² + x₂²)
///     T(z) = 1/z²     z = S^(−1/2)     1/√(1 − x₂²/x₃²)
///     T(z) = log z    z = exp(S)       exp(−x₁²/2)/√(2π)
///     T(z) = sin z    z = asin(S)      asin(x₁·sin x₂)
///
/// The square, the reciprocal square and the logarithm invert only for z > 0 (z ≥ 0 for the
/// square): the search divides the target by a prefactor that carries its sign first
/// (`SparseTermSearch.Prefactor`). The sine inverts only for |z| ≤ π/2, where asin(sin z) = z;
/// a target outside that range on some sample is not tried with it (asin(S) could not reach it).
enum TargetTransform: CaseIterable, Hashable, Sendable {
    case identity, reciprocal, square, reciprocalSquare, logarithm, sine

    /// T(z), or nil where T is undefined or its inverse would not give z back (z ≤ 0 for the
    /// logarithm and the reciprocal square, z < 0 for the square, z = 0 for the reciprocal,
    /// |z| > π/2 for the sine).
    func apply(_ z: Double) -> Double? {
        let value: Double
        switch self {
        case .identity: value = z
        case .reciprocal:
            guard z != 0 else { return nil }
            value = 1 / z
        case .square:
            guard z >= 0 else { return nil }
            value = z * z
        case .reciprocalSquare:
            guard z > 0 else { return nil }
            value = 1 / (z * z)
        case .logarithm:
            guard z > 0 else { return nil }
            value = Foundation.log(z)
        case .sine:
            guard Swift.abs(z) <= Double.pi / 2 else { return nil }
            value = Foundation.sin(z)
        }
        return value.isFinite ? value : nil
    }

    /// T′(z), the slope that scales noise in z into noise in T(z).
    func slope(_ z: Double) -> Double {
        switch self {
        case .identity: 1
        case .reciprocal: -1 / (z * z)
        case .square: 2 * z
        case .reciprocalSquare: -2 / (z * z * z)
        case .logarithm: 1 / z
        case .sine: Foundation.cos(z)
        }
    }

    /// The weights wₛ that make the noise of T(yₛ/Pₛ) even again, for least squares in T's
    /// space that fits as least squares in y does; nil when they are all equal (T the
    /// identity, P constant in size), so that the plain fit is the weighted one.
    ///
    /// Noise σ in y is noise σ·|T′(y/P)|/|P| in z = T(y/P) (to first order), so
    ///
    ///     wₛ = |Pₛ| / |T′(yₛ/Pₛ)|.
    ///
    /// Without them a few samples dominate: where y comes near 0, 1/y has spikes of noise a
    /// hundred times the rest (II.35.18's 1/(2cosh(1/u)) is 0.007 at one end of its range, at
    /// 1 % noise σ 0.004: 1/y there is any number, and no sum of exponentials fits it). The
    /// first-order rule fails where T′ vanishes (y² at y = 0, sin y at ±π/2: there z's noise is
    /// second order in σ, not zero), so for those two transforms the weights, scaled to a
    /// median of 1, are capped at `weightCap`: no sample counts for more than that many typical
    /// ones. Elsewhere T′ keeps away from 0 and the weights stand as they are (1/y's y² over a
    /// target spanning 0.2 to 100 spans 10⁵, and the large values are the ones that pin e^(v/2π)).
    func noiseWeights(targets: [Double], prefactors: [Double]) -> [Double]? {
        guard targets.count == prefactors.count, !targets.isEmpty else { return nil }
        var weights = zip(targets, prefactors).map { y, p -> Double in
            let slope = Swift.abs(self.slope(y / p))
            return slope > 0 && slope.isFinite ? Swift.abs(p) / slope : .infinity
        }
        let finite = weights.filter(\.isFinite).sorted()
        guard !finite.isEmpty else { return nil }
        let median = finite[finite.count / 2]
        guard median > 0, median.isFinite else { return nil }
        let cap = self == .square || self == .sine ? Self.weightCap : .infinity
        weights = weights.map { Swift.min($0 / median, cap) }
        guard weights.allSatisfy(\.isFinite) else { return nil }
        guard let low = weights.min(), let high = weights.max(), high - low > 1e-12 * high else { return nil }
        return weights
    }

    /// The most a sample's noise weight may be, in typical (median) samples, where T′ vanishes.
    static let weightCap = 10.0

    /// Whether z must keep one sign for T to be inverted (a prefactor must carry the sign).
    var needsPositive: Bool {
        switch self {
        case .identity, .reciprocal, .sine: false
        case .square, .reciprocalSquare, .logarithm: true
        }
    }

    /// z = T⁻¹(S) for the sum S.
    func inverse(_ sum: Expr) -> Expr {
        switch self {
        case .identity: sum
        case .reciprocal: Expr.power(sum, Rational(-1))
        case .square: Expr.sqrt(sum)
        // (√S)⁻¹ is canonicalised to S^(−1/2).
        case .reciprocalSquare: Expr.power(Expr.sqrt(sum), Rational(-1))
        case .logarithm: Expr.exp(sum)
        case .sine: Expr.asin(sum)
        }
    }

    /// T written in the target's name (for origins): `1/y^2`.
    func label(_ target: String) -> String {
        switch self {
        case .identity: target
        case .reciprocal: "1/\(target)"
        case .square: "\(target)^2"
        case .reciprocalSquare: "1/\(target)^2"
        case .logarithm: "log(\(target))"
        case .sine: "sin(\(target))"
        }
    }
}
