import Foundation

/// How candidates are ranked: pykan 0.2.8's `suggest_symbolic` loss (lower is better)
///
///     score = w·cost + (1 − w)·log₂(1 + ε − R²),    w = 0.8, ε = 1e-5
///
/// ε bounds the fit term below by log₂ ε ≈ −16.6, so an exact fit cannot outweigh any amount of
/// complexity. A failed fit scores +∞ (pykan gives a masked edge R² = −10⁸ to the same end).
/// The zero primitive (cost 0, R² = 0) scores 0, which any other primitive beats only when
/// w·cost < −(1 − w)·log₂(1 + ε − R²): it acts as pykan's threshold for "fits nothing".
public struct SuggestionWeights: Sendable, Hashable {
    /// w: the weight of simplicity (pykan: 0.8).
    public var simplicity: Double
    /// ε: the floor of 1 − R² inside the logarithm (pykan: 1e-5).
    public var rSquaredEpsilon: Double

    public init(simplicity: Double = 0.8, rSquaredEpsilon: Double = 1e-5) {
        self.simplicity = simplicity
        self.rSquaredEpsilon = rSquaredEpsilon
    }

    /// The score of a fit of the given cost; +∞ for a failed fit.
    public func score(cost: Int, fit: AffineFit) -> Double {
        guard fit.succeeded else { return .infinity }
        let unexplained = Swift.max(0, Swift.min(1, 1 - fit.rSquared)) + rSquaredEpsilon
        return simplicity * Double(cost) + (1 - simplicity) * Foundation.log2(unexplained)
    }
}
