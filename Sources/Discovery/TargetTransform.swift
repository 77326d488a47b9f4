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
