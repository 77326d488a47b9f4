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
                try budget.checkProduct(total.numerator, next.numerator)
                try budget.checkProduct(total.denominator, next.denominator)
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
        try budget.checkProduct(numerator, left)
        try budget.checkProduct(other.numerator, right)
        try budget.checkProduct(denominator, left)
        let result = RationalFunction(numerator * left + other.numerator * right, denominator * left)
        try budget.spend(result.numerator)
        try budget.spend(result.denominator)
        return result
    }

    private func raised(to k: Int, _ budget: inout PolynomialBudget) throws(PolynomialBudgetExceeded) -> RationalFunction {
        // (t₁ + … + tₙ)^k has up to C(n + k − 1, k) terms: refuse before computing them.
        for p in [numerator, denominator]
        where Expr.multinomialTermCount(p.termCount, Swift.abs(k)) > budget.maximumTerms {
            throw PolynomialBudgetExceeded()
        }
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
    /// terms, then the irreducible factors over Q (see `factorization`). A negative
    /// c goes into the first factor of odd multiplicity, as one writes it:
    /// 2·x·(1 − cos y), not −2·x·(cos y − 1).
    ///
    /// `times` are further factors of the product, built in one canonical product with the
    /// rest so that a number before a sum stays a factor: −(a + 1)/(2·(x − a)), not
    /// (−a/2 − 1/2)/(x − a).
    static func factoredExpression(_ unit: Rational, _ f: RationalFunction, atoms: PolynomialAtoms,
                                   times: [Expr] = [], maximumTerms: Int = maximumFactoredTerms,
                                   budget: inout PolynomialBudget) throws(PolynomialBudgetExceeded) -> Expr
    {
        var numerator = try factored(f.numerator, maximumTerms, &budget)
        let denominator = try factored(f.denominator, maximumTerms, &budget)
        guard var scale = try? unit * numerator.unit / denominator.unit else { throw PolynomialBudgetExceeded() }
        if scale.signum() < 0, let index = numerator.factors.firstIndex(where: { $0.1 % 2 == 1 }) {
            numerator.factors[index].0 = -numerator.factors[index].0
            scale = -scale
        }
        // A content of many digits (fitted decimals: 0.585653 − 0.428622·sin …) stays inside
        // the factor, x·(0.585653 − 0.428622·sin …), rather than 0.000001·x·(585653 − …).
        if scale.numerator.magnitude > 1_000 || scale.denominator > 1_000,
           let index = numerator.factors.firstIndex(where: { $0.1 == 1 }) {
            numerator.factors[index].0 = numerator.factors[index].0.scaled(by: scale)
            scale = 1
        }
        func expression(_ parts: (unit: Rational, monomial: Polynomial, factors: [(Polynomial, Int)])) -> Expr {
            Expr.product([atoms.expression(parts.monomial)] + parts.factors.map { factor, multiplicity in
                Expr.power(atoms.expression(factor), Rational(multiplicity))
            })
        }
        return Expr.product([.number(scale), expression(numerator), Expr.power(expression(denominator), Rational(-1))]
                            + times)
    }

    /// The most terms of a polynomial whose factorisation the rewriter seeks (a law's
    /// numerator or denominator); `factor` itself goes to `maximumFactorTerms`.
    static let maximumFactoredTerms = 24
    static let maximumFactorTerms = 160

    /// (c, m, [(Fᵢ, i)]) with p = c·m·∏ Fᵢ^i, m a monomial and the Fᵢ irreducible.
    private static func factored(_ p: Polynomial, _ maximumTerms: Int, _ budget: inout PolynomialBudget)
        throws(PolynomialBudgetExceeded) -> (unit: Rational, monomial: Polynomial, factors: [(Polynomial, Int)])
    {
        let one = Polynomial.constant(1, variableCount: p.variableCount)
        if let value = p.constantValue { return (value, one, []) }
        var common = Array(repeating: Int.max, count: p.variableCount)
        for exponents in p.terms.keys {
            for i in exponents.indices { common[i] = Swift.min(common[i], exponents[i]) }
        }
        var monomial = one
        for (i, e) in common.enumerated() where e > 0 { monomial = monomial.shifted(i, by: e) }
        guard let rest = p.dividedExactly(by: monomial) else { throw PolynomialBudgetExceeded() }
        if rest.isConstant { return (rest.constantValue ?? 1, monomial, []) }
        // Factors are sought in small polynomials only (a law's numerator or denominator);
        // larger ones just lose their content and common monomial.
        if rest.termCount > maximumTerms {
            return (rest.unitContent, monomial, [(rest.normalized, 1)])
        }
        let factorization = try rest.factorization(budget: &budget)
        return (factorization.unit, monomial, factorization.factors)
    }
}
