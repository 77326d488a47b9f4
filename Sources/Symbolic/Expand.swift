import Exact

/// Expansion: distributing products over sums and multiplying out positive
/// integer powers of sums, collecting like terms as it goes (in exact
/// arithmetic): `(x + y)^2 = x^2 + 2·x·y + y^2`, `x·(x^-1 + y) = 1 + x·y`.
///
/// Sums under negative exponents (denominators such as `(x + y)^-2`) are
/// expanded inside but not distributed over: `(x^2 + x)/(y + 1)` stays one
/// quotient whose numerator is expanded. Powers of sums above
/// `Expr.maximumExpansionPower` are left as powers.
extension Expr {
    /// The largest integer power of a sum that `expanded()` multiplies out.
    public static let maximumExpansionPower = 64

    /// The fully expanded expression (also inside function arguments).
    public func expanded() -> Expr { transformed { $0.expandedNode() } }

    /// Expands this node, assuming its children are expanded.
    func expandedNode() -> Expr {
        switch node {
        case .product(let factors):
            return Expr.distribute(factors)
        case .power(let base, let exponent):
            guard case .sum(let terms) = base.node, exponent.isInteger, exponent.signum() > 0,
                  let n = exponent.numerator.asInt, n <= Expr.maximumExpansionPower else { return self }
            var result = Expr.one
            var factor = n, square = Expr(canonical: .sum(terms))
            // Binary powering keeps the number of multiplications to O(log n).
            while factor > 0 {
                if factor & 1 == 1 { result = Expr.multiplyOut(result, square) }
                factor >>= 1
                if factor > 0 { square = Expr.multiplyOut(square, square) }
            }
            return result
        default:
            return self
        }
    }

    /// The product of `factors` with sums (exponent 1) distributed over; sums
    /// under negative exponents stay as factors of the result.
    static func distribute(_ factors: [Expr]) -> Expr {
        var result = Expr.one
        var denominators: [Expr] = []
        var sums: [Expr] = []
        var monomials: [Expr] = []
        for factor in factors {
            switch factor.node {
            case .sum: sums.append(factor)
            case .power(let base, let exponent):
                if case .sum = base.node, exponent.signum() < 0 { denominators.append(factor) }
                else { monomials.append(factor) }
            default: monomials.append(factor)
            }
        }
        if sums.isEmpty { return Expr.product(factors) }
        result = Expr.product(monomials)
        for sum in sums { result = multiplyOut(result, sum) }
        return denominators.isEmpty ? result : Expr.product([result] + denominators)
    }

    /// a·b with both read as sums of terms, every pair of terms multiplied and
    /// like terms collected.
    static func multiplyOut(_ a: Expr, _ b: Expr) -> Expr {
        let left = a.terms, right = b.terms
        var products: [Expr] = []
        products.reserveCapacity(left.count * right.count)
        for s in left {
            for t in right {
                var term = Expr.product([s, t])
                // Merging powers can re-create a sum factor, (y+1)^(1/2)·(y+1)^(1/2).
                if case .product(let factors) = term.node, factors.contains(where: \.isSum) {
                    term = distribute(factors)
                }
                products.append(term)
            }
        }
        return Expr.sum(products)
    }

    /// The terms of a sum, or the expression itself as one term.
    var terms: [Expr] {
        if case .sum(let terms) = node { return terms }
        return [self]
    }

    var isSum: Bool {
        if case .sum = node { return true }
        return false
    }
}
