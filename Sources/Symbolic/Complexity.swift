import Exact

/// The size of an expression, counted as PySR and pykan count it: the number of
/// nodes of the printed binary expression tree (operators, variables and
/// constants each count 1).
///
/// - a number (an exact rational p/q counts as one constant), a symbol, π, e: 1;
/// - a sum or product of n operands: n - 1 binary operators plus the operands;
///   a negative term counts as a subtraction and a factor x^-1 as its base x
///   under a division, a coefficient -1 as a negation (the operator alone), so
///   `x - y` is 3, `x/y` is 3, `-x` is 2;
/// - `sqrt(u)` and `f(u)` for a function f: 1 + their arguments;
/// - any other power `u^r`: 2 + u (the operator and the exponent constant),
///   so `x^2` is 3 and a lone `1/x` is 3;
/// - `Expr.undefined`: 1.
extension Expr {
    public var complexity: Int {
        switch node {
        case .number, .symbol, .pi, .undefined:
            return 1
        case .apply(_, let args):
            if self == .e { return 1 }
            return 1 + args.reduce(0) { $0 + $1.complexity }
        case .power(let base, let exponent):
            if exponent == Rational.oneHalf { return 1 + base.complexity }
            return 2 + base.complexity
        case .sum(let terms):
            // A negative term is a subtraction: x - y counts as 3, like x + y.
            var total = terms.count - 1
            for term in terms { total += term.isNegativeTerm ? term.negatedComplexity : term.complexity }
            if terms.allSatisfy(\.isNegativeTerm) { total += 1 }  // the leading minus
            return total
        case .product(let factors):
            return Expr.productComplexity(factors[...])
        }
    }

    /// The complexity of the product of `factors` (at least two, canonical).
    private static func productComplexity(_ factors: ArraySlice<Expr>) -> Int {
        var total = factors.count - 1
        for factor in factors {
            if factor.numberValue == -1 { continue }  // negation: the operator alone
            if case .power(let base, -1) = factor.node { total += base.complexity }
            else { total += factor.complexity }
        }
        return total
    }

    /// (−self).complexity for a negative term c·m, without building −self (which would
    /// hash and sort its factors again: this is the simplifier's cost model, computed for
    /// every candidate).
    private var negatedComplexity: Int {
        switch node {
        case .number:
            return 1
        case .product(let factors):
            guard case .number(let c) = factors[0].node else { break }
            let rest = factors.dropFirst()
            if -c != 1 { return Expr.productComplexity([Expr.number(-c)] + rest) }
            // −(−1·m) = m: a lone factor is itself, not a factor under a product.
            if rest.count == 1, let only = rest.first { return only.complexity }
            return Expr.productComplexity(rest)
        default:
            break
        }
        return (-self).complexity
    }
}
