import Foundation

/// Adam (Kingma & Ba), as torch.optim.Adam without weight decay:
///
///     m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²
///     θ ← θ − lr/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε)
public struct Adam: Sendable {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    private var m: [Double] = []
    private var v: [Double] = []
    private var t = 0

    public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// Applies one update with gradient g to x.
    public mutating func step(_ x: inout [Double], gradient g: [Double]) {
        if m.count != x.count {
            m = [Double](repeating: 0, count: x.count)
            v = [Double](repeating: 0, count: x.count)
            t = 0
        }
        t += 1
        let correction1 = 1 - pow(beta1, Double(t))
        let correction2 = (1 - pow(beta2, Double(t))).squareRoot()
        let stepSize = learningRate / correction1
        for p in x.indices {
            m[p] = beta1 * m[p] + (1 - beta1) * g[p]
            v[p] = beta2 * v[p] + (1 - beta2) * g[p] * g[p]
            x[p] -= stepSize * m[p] / (v[p].squareRoot() / correction2 + epsilon)
        }
    }
}
