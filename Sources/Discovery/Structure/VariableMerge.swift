import Exact
import Symbolic

/// Two inputs that enter the law only through one combination of them, which can replace both:
/// the problem loses an input (AI Feynman's symmetries, found on the surrogate's gradients).
///
/// - `sum`: u = a·xᵢ + b·xⱼ. Then ∂y/∂xᵢ : ∂y/∂xⱼ = a : b at every point (y = F(u, …) gives
///   ∂ᵢy = a·F_u, ∂ⱼy = b·F_u); a difference xᵢ − xⱼ (positions, frequencies) is a : b = 1 : −1.
/// - `product`: u = xᵢ^a·xⱼ^b. Then xᵢ∂y/∂xᵢ : xⱼ∂y/∂xⱼ = a : b (y = F(u, …) gives
///   xᵢ∂ᵢy = a·u·F_u); mgx/(k_B T) merges m and g (1 : 1), or x₅ and x₆ in
///   x₅⁴/(x₅² − x₆²)² = 1/(1 − (x₆/x₅)²)² (1 : −1).
struct VariableMerge: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case sum, product }

    var kind: Kind
    var first: Int
    var second: Int
    /// The small integer weights (sum) or exponents (product) a and b.
    var a: Int
    var b: Int

    /// u over the inputs' names.
    func expression(names: [String]) -> Expr {
        let x = Expr.symbol(names[first]), y = Expr.symbol(names[second])
        switch kind {
        case .sum: return Expr(a) * x + Expr(b) * y
        case .product: return Expr.power(x, Rational(a)) * Expr.power(y, Rational(b))
        }
    }
}
