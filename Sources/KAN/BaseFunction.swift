import Foundation

/// The residual function b(x) of an edge φ(x) = w_b·b(x) + w_s·spline(x).
///
/// pykan's default is SiLU, b(x) = x / (1 + e^{-x}); its derivative is
/// σ(x)·(1 + x·(1 − σ(x))) with σ the logistic function.
public enum BaseFunction: String, Sendable, Codable, CaseIterable {
    case silu
    case identity
    /// No residual: φ is the spline alone.
    case zero

    /// b(x).
    @inlinable
    public func value(_ x: Double) -> Double {
        switch self {
        case .silu: return x / (1 + exp(-x))
        case .identity: return x
        case .zero: return 0
        }
    }

    /// (b(x), b'(x)) computed together, sharing the exponential.
    @inlinable
    public func valueAndDerivative(_ x: Double) -> (Double, Double) {
        switch self {
        case .silu:
            let sigma = 1 / (1 + exp(-x))
            return (x * sigma, sigma * (1 + x * (1 - sigma)))
        case .identity: return (x, 1)
        case .zero: return (0, 0)
        }
    }
}
