/// A named univariate function together with its derivative.
///
/// A symbolic edge computes `c · f(a·x + b) + d`; the network evaluates `f` through
/// `value` and back-propagates through `derivative`, so the affine constants
/// `(a, b, c, d)` train with the rest of the parameters. The KAN module never parses
/// names: callers (the Discovery module) supply the function and, when a checkpoint
/// is loaded, resolve names back to functions.
///
///     let sine = SymbolicFunction(name: "sin", value: { sin($0) }, derivative: { cos($0) })
public struct SymbolicFunction: Sendable {
    /// The name stored in checkpoints and shown to users (for example `"sin"`).
    public let name: String
    /// f(z).
    public let value: @Sendable (Double) -> Double
    /// f'(z).
    public let derivative: @Sendable (Double) -> Double

    public init(
        name: String,
        value: @escaping @Sendable (Double) -> Double,
        derivative: @escaping @Sendable (Double) -> Double
    ) {
        self.name = name
        self.value = value
        self.derivative = derivative
    }
}
