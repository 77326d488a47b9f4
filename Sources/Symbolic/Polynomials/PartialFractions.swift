import Exact

/// The partial fraction decomposition of a rational function of one variable x over Q
/// (SymPy's `apart`):
///
///     N/D = Q + Σᵢ Σₖ₌₁..ₘᵢ Aᵢₖ / Fᵢ^k,   D = c·∏ Fᵢ^mᵢ,   deg Aᵢₖ < deg Fᵢ
///
/// so 1/(x² − 1) = 1/(2(x − 1)) − 1/(2(x + 1)) and (x³ + 1)/(x·(x² + 1)) =
/// 1 + 1/x − (x + 1)/(x² + 1). Q and the remainder R come from dividing N by D; D is
/// factored over Q (`Factorization.swift`); for each factor, with G = D/Fᵢ^mᵢ coprime to
/// Fᵢ^mᵢ, the part over Fᵢ^mᵢ is A = R·G⁻¹ mod Fᵢ^mᵢ (the inverse by the extended
/// Euclidean algorithm), and A is written in base Fᵢ, A = Σ Aᵢₖ·Fᵢ^(mᵢ−k), by repeated
/// division. The parts are unique, so their sum is R/D.
struct PartialFractions {
    /// Q.
    var polynomial: Polynomial
    /// (Aᵢₖ, Fᵢ, k).
    var fractions: [(numerator: Polynomial, factor: Polynomial, power: Int)]

    /// c·N/D in xᵥ, N and D polynomials in xᵥ alone.
    init(_ unit: Rational, _ f: RationalFunction, in v: Int, budget: inout PolynomialBudget)
        throws(PolynomialBudgetExceeded)
    {
        let (quotient, remainder) = try f.numerator.scaled(by: unit)
            .quotientAndRemainder(dividingBy: f.denominator, in: v, budget: &budget)
        polynomial = quotient
        fractions = []
        let factorization = try f.denominator.factorization(budget: &budget)
        guard let scale = try? factorization.unit.reciprocal() else { throw PolynomialBudgetExceeded() }
        let numerator = remainder.scaled(by: scale)
        for (i, (factor, multiplicity)) in factorization.factors.enumerated() {
            let power = factor.power(multiplicity)
            var others = factor.one
            for (j, (g, n)) in factorization.factors.enumerated() where j != i { others = others * g.power(n) }
            guard let inverse = try others.inverse(modulo: power, in: v, budget: &budget) else {
                throw PolynomialBudgetExceeded()
            }
            var part = try (numerator * inverse).quotientAndRemainder(dividingBy: power, in: v, budget: &budget).remainder
            for k in stride(from: multiplicity, through: 1, by: -1) {
                let (q, r) = try part.quotientAndRemainder(dividingBy: factor, in: v, budget: &budget)
                if !r.isZero { fractions.append((r, factor, k)) }
                part = q
            }
        }
    }

    /// Q + Σ Aᵢₖ/Fᵢ^k as an expression, each Aᵢₖ's content a factor of its own so that a
    /// sign or a number stays in front: −(x + 1)/(x² + 1), not (−x − 1)/(x² + 1).
    func expression(_ atoms: PolynomialAtoms) -> Expr {
        Expr.sum([atoms.expression(polynomial)] + fractions.map { numerator, factor, power in
            Expr.product([.number(numerator.unitContent), atoms.expression(numerator.normalized),
                          Expr.power(atoms.expression(factor), Rational(-power))])
        })
    }
}

extension PartialFractions {
    /// The decomposition in xᵥ of c·N/D over other variables (parameters a, b, …), when D
    /// factors as k·P·∏ (x − rᵢ) with P free of x and distinct roots rᵢ polynomial in the
    /// parameters: with M = ∏ (x − rᵢ) and N = Q·M + R,
    ///
    ///     N/D = Q/(k·P) + Σᵢ R(rᵢ) / (k·P·∏ⱼ≠ᵢ (rᵢ − rⱼ)) / (x − rᵢ)
    ///
    /// (the residue at each simple pole), each coefficient cancelled as a rational function
    /// of the parameters: 1/((x + a)·(x + b)) = 1/((b − a)·(x + a)) − 1/((b − a)·(x + b)).
    /// Nil for a factor of D of degree ≥ 2 in x, a repeated one, or one whose leading
    /// coefficient in x is not a number.
    static func withParameters(_ unit: Rational, _ f: RationalFunction, in v: Int, atoms: PolynomialAtoms,
                               budget: inout PolynomialBudget) throws(PolynomialBudgetExceeded) -> Expr?
    {
        let factorization = try f.denominator.factorization(budget: &budget)
        var scale = factorization.unit
        var free = f.denominator.one
        var linear: [(factor: Polynomial, root: Polynomial)] = []
        for (factor, multiplicity) in factorization.factors {
            if factor.degree(in: v) == 0 {
                free = free * factor.power(multiplicity)
                continue
            }
            guard factor.degree(in: v) == 1, multiplicity == 1,
                  let lead = factor.coefficient(in: v, degree: 1).constantValue,
                  let inverse = try? lead.reciprocal() else { return nil }
            scale = scale * lead
            linear.append((factor, factor.coefficient(in: v, degree: 0).scaled(by: -inverse)))
        }
        let x = Polynomial.variable(v, variableCount: f.numerator.variableCount)
        var monic = x.one
        for (_, root) in linear { monic = monic * (x - root) }
        let (quotient, remainder) = try f.numerator.scaled(by: unit).quotientAndRemainder(dividingBy: monic, in: v, budget: &budget)
        let common = free.scaled(by: scale)
        func fraction(_ n: Polynomial, _ d: Polynomial) throws(PolynomialBudgetExceeded) -> Expr {
            let (c, reduced) = try RationalFunction(n, d).cancelled(budget: &budget)
            return RationalFunction.expression(c, reduced, atoms: atoms)
        }
        var terms = [try fraction(quotient, common)]
        for (i, (normalizedFactor, root)) in linear.enumerated() {
            var denominator = common
            for (j, (_, other)) in linear.enumerated() where j != i { denominator = denominator * (root - other) }
            try budget.spend(denominator)
            // A/(x − r) = A·lc/F for F = lc·(x − r), signed so that x comes with a positive
            // coefficient: 1/(x − a), not −1/(a − x).
            var factor = normalizedFactor
            var lead = factor.coefficient(in: v, degree: 1)
            if let value = lead.constantValue, value.signum() < 0 {
                factor = -factor
                lead = -lead
            }
            let (c, residue) = try RationalFunction(remainder.substituting(v, with: root) * lead, denominator)
                .cancelled(budget: &budget)
            terms.append(try RationalFunction.factoredExpression(
                c, residue, atoms: atoms, times: [Expr.power(atoms.expression(factor), Rational(-1))], budget: &budget))
        }
        return Expr.sum(terms)
    }
}

extension Polynomial {
    /// self with xᵥ replaced by the polynomial r.
    func substituting(_ v: Int, with r: Polynomial) -> Polynomial {
        var powers = [one]
        var result = Polynomial(variableCount: variableCount)
        for (exponents, c) in terms {
            while powers.count <= exponents[v], let last = powers.last { powers.append(last * r) }
            var e = exponents
            e[v] = 0
            result = result + Polynomial(variableCount: variableCount, terms: [e: c]) * powers[exponents[v]]
        }
        return result
    }

    /// (q, r) with self = q·divisor + r and deg r < deg divisor in xᵥ. The divisor's
    /// leading coefficient in xᵥ must be a nonzero number (so that no fraction in the
    /// other variables arises); otherwise the budget error is thrown.
    func quotientAndRemainder(dividingBy divisor: Polynomial, in v: Int, budget: inout PolynomialBudget)
        throws(PolynomialBudgetExceeded) -> (quotient: Polynomial, remainder: Polynomial)
    {
        let divisorDegree = divisor.degree(in: v)
        guard !divisor.isZero, let lead = divisor.coefficient(in: v, degree: divisorDegree).constantValue,
              let inverse = try? lead.reciprocal() else { throw PolynomialBudgetExceeded() }
        var quotient = Polynomial(variableCount: variableCount)
        var remainder = self
        while !remainder.isZero, remainder.degree(in: v) >= divisorDegree {
            let d = remainder.degree(in: v)
            let term = remainder.coefficient(in: v, degree: d).scaled(by: inverse).shifted(v, by: d - divisorDegree)
            quotient = quotient + term
            remainder = remainder - term * divisor
            try budget.spend(remainder)
        }
        return (quotient, remainder)
    }

    /// The inverse of self modulo m in Q[xᵥ] (both polynomials in xᵥ alone), by the
    /// extended Euclidean algorithm: tₖ·self ≡ rₖ (mod m) along the remainder sequence
    /// r₀ = m, r₁ = self mod m, and the last nonzero rₖ is their gcd. Nil when it is not
    /// a number (self and m not coprime).
    func inverse(modulo m: Polynomial, in v: Int, budget: inout PolynomialBudget)
        throws(PolynomialBudgetExceeded) -> Polynomial?
    {
        var r0 = m, r1 = try quotientAndRemainder(dividingBy: m, in: v, budget: &budget).remainder
        var t0 = Polynomial(variableCount: variableCount), t1 = one
        while !r1.isZero {
            let (q, r) = try r0.quotientAndRemainder(dividingBy: r1, in: v, budget: &budget)
            (r0, r1) = (r1, r)
            (t0, t1) = (t1, t0 - q * t1)
            try budget.spend(t1)
        }
        guard let g = r0.constantValue, let scale = try? g.reciprocal() else { return nil }
        return try t0.scaled(by: scale).quotientAndRemainder(dividingBy: m, in: v, budget: &budget).remainder
    }
}

extension Expr {
    /// The partial fraction decomposition in `variable` (SymPy's `apart`): a polynomial
    /// plus a sum of numerators over powers of the denominator's irreducible factors over
    /// Q, each numerator of lower degree than its factor:
    ///
    /// ```swift
    /// (1 / (x^2 - 1)).apart(in: "x")   // 1/(2*(x - 1)) - 1/(2*(x + 1))
    /// ```
    ///
    /// Other symbols (and functions of them) are parameters, for a denominator with simple
    /// roots in x (`PartialFractions.withParameters`): `(1/((x + a)*(x + b))).apart(in: "x")`
    /// is `1/((b - a)*(x + a)) - 1/((b - a)*(x + b))`. The expression itself when it does
    /// not contain the variable; nil when it is not a rational function of the variable
    /// (a function or root of x), when with parameters its denominator has a repeated or
    /// nonlinear factor in x, or when it is too large for the exact arithmetic.
    public func apart(in variable: String) -> Expr? {
        if !freeSymbols.contains(variable) { return self }
        guard let atoms = PolynomialAtoms([self]), let v = atoms.variable(Expr.symbol(variable)),
              atoms.atoms.allSatisfy({ $0 == Expr.symbol(variable) || !$0.freeSymbols.contains(variable) })
        else { return nil }
        var budget = PolynomialBudget(steps: 20_000, maximumTerms: 2_000)
        guard let f = RationalFunction(self, atoms: atoms, budget: &budget),
              let (unit, cancelled) = try? f.cancelled(budget: &budget) else { return nil }
        if atoms.count > 1 {
            return (try? PartialFractions.withParameters(unit, cancelled, in: v, atoms: atoms, budget: &budget)) ?? nil
        }
        guard let parts = try? PartialFractions(unit, cancelled, in: v, budget: &budget) else { return nil }
        return parts.expression(atoms)
    }
}
