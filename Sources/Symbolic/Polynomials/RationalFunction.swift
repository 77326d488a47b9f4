import Exact

/// A quotient N/D of polynomials over Q in the atoms of an expression (see
/// `PolynomialAtoms`): the exact form behind `together`, `cancel` and `factor`.
///
/// Reading an expression sums fractions over the least common denominator,
/// N₁/D₁ + N₂/D₂ = (N₁·(D₂/g) + N₂·(D₁/g)) / (D₁·D₂/g) with g = gcd(D₁, D₂), multiplies
/// products out, and raises integer powers; `cancelled` divides N and D by their gcd.
struct RationalFunction {
    var numerator: Polynomial
    var denominator: Polynomial

    /// e as a rational function over `atoms`; nil for an undefined expression, a zero
    /// denominator or when the budget runs out.
    init?(_ e: Expr, atoms: PolynomialAtoms, budget: inout PolynomialBudget) {
        do {
            self = try RationalFunction.read(e, atoms, &budget)
        } catch {
            return nil
        }
        if denominator.isZero { return nil }
    }

    init(_ numerator: Polynomial, _ denominator: Polynomial) {
        self.numerator = numerator
        self.denominator = denominator
    }

    private static func read(_ e: Expr, _ atoms: PolynomialAtoms, _ budget: inout PolynomialBudget)
        throws(PolynomialBudgetExceeded) -> RationalFunction
    {
        let n = atoms.count
        switch e.node {
        case .number(let value):
            return RationalFunction(.constant(value, variableCount: n), .constant(1, variableCount: n))
        case .sum(let terms):
            var total = try read(terms[0], atoms, &budget)
            for term in terms.dropFirst() { total = try total.adding(try read(term, atoms, &budget), &budget) }
            return total
        case .product(let factors):
            var total = try read(factors[0], atoms, &budget)
            for factor in factors.dropFirst() {
                let next = try read(factor, atoms, &budget)
                total = RationalFunction(total.numerator * next.numerator, total.denominator * next.denominator)
                try budget.spend(total.numerator)
                try budget.spend(total.denominator)
            }
            return total
        case .power(let base, let exponent) where PolynomialAtoms.isStructuralPower(exponent):
            let inner = try read(base, atoms, &budget)
            guard let k = exponent.numerator.asInt else { throw PolynomialBudgetExceeded() }
            return try inner.raised(to: k, &budget)
        case .undefined:
            throw PolynomialBudgetExceeded()
        default:
            let (atom, k) = atoms.split(e)
            guard let v = atoms.variable(atom) else { throw PolynomialBudgetExceeded() }
            let x = RationalFunction(.variable(v, variableCount: n), .constant(1, variableCount: n))
            return try x.raised(to: k, &budget)
        }
    }

    private func adding(_ other: RationalFunction, _ budget: inout PolynomialBudget)
        throws(PolynomialBudgetExceeded) -> RationalFunction
    {
        if denominator == other.denominator {
            return RationalFunction(numerator + other.numerator, denominator)
        }
        let g = try Polynomial.gcd(denominator, other.denominator, budget: &budget)
        guard let left = other.denominator.dividedExactly(by: g), let right = denominator.dividedExactly(by: g) else {
            throw PolynomialBudgetExceeded()
        }
        let result = RationalFunction(numerator * left + other.numerator * right, denominator * left)
        try budget.spend(result.numerator)
        try budget.spend(result.denominator)
        return result
    }

    private func raised(to k: Int, _ budget: inout PolynomialBudget) throws(PolynomialBudgetExceeded) -> RationalFunction {
        let result = k >= 0
            ? RationalFunction(numerator.power(k), denominator.power(k))
            : RationalFunction(denominator.power(-k), numerator.power(-k))
        try budget.spend(result.numerator)
        try budget.spend(result.denominator)
        return result
    }

    /// N/D with gcd(N, D) divided out, written c·N'/D' with N' and D' normalised.
    func cancelled(budget: inout PolynomialBudget) throws(PolynomialBudgetExceeded) -> (Rational, RationalFunction) {
        let g = try Polynomial.gcd(numerator, denominator, budget: &budget)
        guard let n = numerator.dividedExactly(by: g), let d = denominator.dividedExactly(by: g) else {
            throw PolynomialBudgetExceeded()
        }
        return RationalFunction(n, d).normalizedForm
    }

    /// c·N'/D' with N' and D' normalised (integer coprime coefficients, leading one positive).
    var normalizedForm: (Rational, RationalFunction) {
        guard let unit = try? numerator.unitContent / denominator.unitContent else { return (1, self) }
        return (unit, RationalFunction(numerator.normalized, denominator.normalized))
    }

    /// c·N/D as an expression, N and D expanded.
    static func expression(_ unit: Rational, _ f: RationalFunction, atoms: PolynomialAtoms) -> Expr {
        Expr.product([.number(unit), atoms.expression(f.numerator),
                      Expr.power(atoms.expression(f.denominator), Rational(-1))])
    }

    /// c·N/D as an expression with N and D each factored: the monomial common to all
    /// terms, then the square-free factors (see `squareFreeFactorization`).
    static func factoredExpression(_ unit: Rational, _ f: RationalFunction, atoms: PolynomialAtoms,
                                   budget: inout PolynomialBudget) throws(PolynomialBudgetExceeded) -> Expr
    {
        let numerator = try factored(f.numerator, atoms, &budget)
        let denominator = try factored(f.denominator, atoms, &budget)
        guard let scale = try? unit * numerator.0 / denominator.0 else { throw PolynomialBudgetExceeded() }
        return Expr.product([.number(scale), numerator.1,
                             Expr.power(denominator.1, Rational(-1))])
    }

    /// (c, F) with p = c·F, F a product of a monomial and square-free powers.
    private static func factored(_ p: Polynomial, _ atoms: PolynomialAtoms, _ budget: inout PolynomialBudget)
        throws(PolynomialBudgetExceeded) -> (Rational, Expr)
    {
        if let value = p.constantValue { return (value, .one) }
        var common = Array(repeating: Int.max, count: p.variableCount)
        for exponents in p.terms.keys {
            for i in exponents.indices { common[i] = Swift.min(common[i], exponents[i]) }
        }
        var monomial = Polynomial.constant(1, variableCount: p.variableCount)
        for (i, e) in common.enumerated() where e > 0 { monomial = monomial.shifted(i, by: e) }
        guard let rest = p.dividedExactly(by: monomial) else { throw PolynomialBudgetExceeded() }
        let factorization = try rest.squareFreeFactorization(budget: &budget)
        var parts: [Expr] = [atoms.expression(monomial)]
        for (factor, multiplicity) in factorization.factors {
            parts.append(Expr.power(atoms.expression(factor), Rational(multiplicity)))
        }
        if factorization.factors.isEmpty { return (1, atoms.expression(p)) }
        return (factorization.unit, Expr.product(parts))
    }
}
