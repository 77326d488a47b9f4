import Foundation

/// The residual function b(x) of an edge φ(x) = w_b·b(x) + w_s·spline(x).
///
/// pykan's default is SiLU, b(x) = x / (1 + e^{-x}); with σ the logistic function its
/// derivatives are
///
///     b′(x) = σ(x)·(1 + x·(1 − σ(x)))
///     b″(x) = σ(x)·(1 − σ(x))·(2 + x·(1 − 2σ(x)))
///
/// (σ′ = σ·(1 − σ), so b″ = 2σ′ + x·σ″ with σ″ = σ′·(1 − 2σ)).
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

    /// (b(x), b′(x), b″(x)) computed together, sharing the exponential; the value is
    /// computed as in `valueAndDerivative` (x·σ), which is what the forward pass uses.
    @inlinable
    public func valueAndDerivatives(_ x: Double) -> (value: Double, first: Double, second: Double) {
        switch self {
        case .silu:
            let sigma = 1 / (1 + exp(-x))
            let slope = sigma * (1 - sigma)
            return (x * sigma, sigma * (1 + x * (1 - sigma)), slope * (2 + x * (1 - 2 * sigma)))
        case .identity: return (x, 1, 0)
        case .zero: return (0, 0, 0)
        }
    }
}
