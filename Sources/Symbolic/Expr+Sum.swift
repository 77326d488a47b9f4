import Exact

/// Canonical sums: flattening, collecting like terms, folding numbers.
///
/// Every term is read as `c·m`, an exact coefficient c times a monomial m (a
/// number is `c·1`), and terms with the same monomial are merged:
/// `2·x·y + x·y - 3` becomes `3·x·y - 3`. Terms whose coefficient folds to 0
/// vanish; a sum of one term is that term; a sum of none is 0.
extension Expr {
    /// The canonical sum of `terms`.
    public static func sum(_ terms: [Expr]) -> Expr {
        var constant: Rational = 0
        var coefficients: [Expr: Rational] = [:]
        var undefined = false

        func add(_ term: Expr) {
            switch term.node {
            case .undefined:
                undefined = true
            case .number(let value):
                constant = constant + value
            case .sum(let inner):
                for t in inner { add(t) }
            default:
                let (coefficient, monomial) = term.coefficientAndMonomial
                coefficients[monomial, default: 0] = coefficients[monomial, default: 0] + coefficient
            }
        }
        for term in terms { add(term) }
        if undefined { return .undefined }

        let monomials = coefficients.keys.filter { !(coefficients[$0]?.isZero ?? true) }.sorted()
        var result: [Expr] = []
        result.reserveCapacity(monomials.count + 1)
        if !constant.isZero { result.append(.number(constant)) }
        for monomial in monomials {
            result.append(monomial.scaled(by: coefficients[monomial] ?? 0))
        }
        switch result.count {
        case 0: return .zero
        case 1: return result[0]
        default: return Expr(canonical: .sum(result))
        }
    }

    /// (c, m) such that self = c·m, c the numeric coefficient of a product.
    var coefficientAndMonomial: (Rational, Expr) {
        switch node {
        case .number(let value):
            return (value, .one)
        case .product(let factors):
            guard case .number(let c) = factors[0].node else { return (1, self) }
            let rest = Array(factors.dropFirst())
            return (c, rest.count == 1 ? rest[0] : Expr(canonical: .product(rest)))
        default:
            return (1, self)
        }
    }

    /// c·self for a monomial `self` (no coefficient, not a sum): a cheap
    /// canonical product that needs no re-collection.
    func scaled(by c: Rational) -> Expr {
        if c == 1 { return self }
        if c.isZero { return .zero }
        switch node {
        case .number(let value): return .number(value * c)
        case .product(let factors): return Expr(canonical: .product([.number(c)] + factors))
        case .sum: return .product([.number(c), self])
        default: return Expr(canonical: .product([.number(c), self]))
        }
    }

    /// Whether -self reads better than self: a negative number, a product with
    /// a negative coefficient, or a sum with more such terms than others (on a
    /// tie, when its first term with a variable is one). Exactly one of e and -e qualifies
    /// (for e ≠ 0), which makes f(-x) = ±f(x) rewrites terminate.
    var looksNegative: Bool {
        switch node {
        case .number(let value):
            return value.signum() < 0
        case .product(let factors):
            if case .number(let c) = factors[0].node { return c.signum() < 0 }
            return false
        case .sum(let terms):
            let negatives = terms.filter(\.looksNegative).count
            let positives = terms.count - negatives
            if negatives != positives { return negatives > positives }
            // Tie: the first term with a variable decides (x - π/5, not π/5 - x).
            return (terms.first(where: \.hasSymbol) ?? terms[0]).looksNegative
        default:
            return false
        }
    }

    /// Whether any symbol occurs in the expression.
    var hasSymbol: Bool {
        if case .symbol = node { return true }
        return children.contains { $0.hasSymbol }
    }
}
