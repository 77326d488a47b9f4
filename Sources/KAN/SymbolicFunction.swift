/// A named univariate function together with its first and second derivatives.
///
/// A symbolic edge computes `c · f(a·x + b) + d`; the network evaluates `f` through
/// `value` and back-propagates through `derivative`, so the affine constants
/// `(a, b, c, d)` train with the rest of the parameters. `secondDerivative` serves the
/// input Hessians of `Network.inputDerivatives`, whose chain rule through an edge needs
/// (c·f(a·x + b) + d)″ = c·a²·f″(a·x + b). The KAN module never parses names: callers
/// (the Discovery module) supply the function and, when a checkpoint is loaded, resolve
/// names back to functions.
///
///     let sine = SymbolicFunction(name: "sin", value: { sin($0) }, derivative: { cos($0) },
///                                 secondDerivative: { -sin($0) })
///
/// Without `secondDerivative` the central difference quotient of `derivative`,
///
///     f″(z) ≈ (f′(z + h) − f′(z − h)) / 2h,   h = ε^{1/3}·max(1, |z|),
///
/// stands in for it: accurate to about 1e-10 relative for smooth f (the step balances the
/// O(h²) truncation against the ε/h rounding of f′), but not exact, and meaningless across
/// a kink of f′. The Discovery module's primitives always give the exact one.
public struct SymbolicFunction: Sendable {
    /// The name stored in checkpoints and shown to users (for example `"sin"`).
    public let name: String
    /// f(z).
    public let value: @Sendable (Double) -> Double
    /// f'(z).
    public let derivative: @Sendable (Double) -> Double
    /// f″(z): the one given, or the difference quotient of `derivative` (see above).
    public let secondDerivative: @Sendable (Double) -> Double
    /// Whether `secondDerivative` was given, rather than approximated from `derivative`.
    public let hasExactSecondDerivative: Bool

    public init(
        name: String,
        value: @escaping @Sendable (Double) -> Double,
        derivative: @escaping @Sendable (Double) -> Double,
        secondDerivative: (@Sendable (Double) -> Double)? = nil
    ) {
        self.name = name
        self.value = value
        self.derivative = derivative
        self.hasExactSecondDerivative = secondDerivative != nil
        self.secondDerivative = secondDerivative ?? { z in
            // ε^{1/3}: the step that minimises truncation plus rounding error of a central difference.
            let h = 6.0554544523933395e-06 * Swift.max(1, Swift.abs(z))
            let above = z + h, below = z - h
            return (derivative(above) - derivative(below)) / (above - below)
        }
    }
}
