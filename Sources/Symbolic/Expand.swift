import Exact

/// Expansion: distributing products over sums and multiplying out positive
/// integer powers of sums, collecting like terms as it goes (in exact
/// arithmetic): `(x + y)^2 = x^2 + 2·x·y + y^2`, `x·(x^-1 + y) = 1 + x·y`.
///
/// Sums under negative exponents (denominators such as `(x + y)^-2`) are
/// expanded inside but not distributed over: `(x^2 + x)/(y + 1)` stays one
/// quotient whose numerator is expanded. Powers of sums above
/// `Expr.maximumExpansionPower`, and products or powers that would have more
/// than `Expr.maximumExpandedTerms` terms, are left as they are.
extension Expr {
    /// The largest integer power of a sum that `expanded()` multiplies out.
    public static let maximumExpansionPower = 64

    /// The most terms one expansion step may produce (before collecting like
    /// terms): a product or power that would exceed it stays unexpanded, so
    /// that simplifying nested powers of sums cannot blow up combinatorially.
    public static let maximumExpandedTerms = 2_000

    /// The fully expanded expression (also inside function arguments).
    public func expanded() -> Expr { transformed { $0.expandedNode() } }

    /// `expanded()`, checking `shouldStop` before expanding each node so that a large
    /// expansion can be abandoned (Ctrl-C): throws `SimplificationInterrupted` as soon as it
    /// returns true.
    public func expanded(shouldStop: () -> Bool) throws(SimplificationInterrupted) -> Expr {
        do {
            return try transformed { node in
                if shouldStop() { throw SimplificationInterrupted() }
                return node.expandedNode()
            }
        } catch {
            throw SimplificationInterrupted()
        }
    }

    /// Expands this node, assuming its children are expanded.
    func expandedNode() -> Expr {
        switch node {
        case .product(let factors):
            return Expr.distribute(factors)
        case .power(let base, let exponent):
            guard case .sum(let terms) = base.node, exponent.isInteger, exponent.signum() > 0,
                  let n = exponent.numerator.asInt, n <= Expr.maximumExpansionPower,
                  Expr.multinomialTermCount(terms.count, n) <= Expr.maximumExpandedTerms else { return self }
            var result = Expr.one
            var factor = n, square = Expr(canonical: .sum(terms))
            // Binary powering keeps the number of multiplications to O(log n).
            while factor > 0 {
                if factor & 1 == 1 {
                    guard let next = Expr.multiplyOut(result, square) else { return self }
                    result = next
                }
                factor >>= 1
                if factor > 0 {
                    guard let next = Expr.multiplyOut(square, square) else { return self }
                    square = next
                }
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
        var count = 1
        for sum in sums {
            count = count.multipliedReportingOverflow(by: sum.terms.count).partialValue
            if count > maximumExpandedTerms || count <= 0 { return Expr.product(factors) }
        }
        result = Expr.product(monomials)
        for sum in sums {
            guard let next = multiplyOut(result, sum) else { return Expr.product(factors) }
            result = next
        }
        return denominators.isEmpty ? result : Expr.product([result] + denominators)
    }

    /// a·b with both read as sums of terms, every pair of terms multiplied and
    /// like terms collected; nil when there would be more than
    /// 10·`maximumExpandedTerms` pairs.
    static func multiplyOut(_ a: Expr, _ b: Expr) -> Expr? {
        let left = a.terms, right = b.terms
        guard left.count * right.count <= 10 * maximumExpandedTerms else { return nil }
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

    /// C(n + k - 1, k), the number of monomials of (t₁ + … + tₙ)^k, capped just
    /// above `maximumExpandedTerms`.
    static func multinomialTermCount(_ n: Int, _ k: Int) -> Int {
        var count = 1
        for i in 1...Swift.max(k, 1) {
            count = count * (n - 1 + i) / i  // exact: a running binomial coefficient
            if count > maximumExpandedTerms { return maximumExpandedTerms + 1 }
        }
        return count
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
