import Exact

/// Square-free factorisation: P = c · ∏ Fᵢ^i with every Fᵢ square-free and the Fᵢ
/// pairwise coprime, by Yun's algorithm in the first variable x present, after the
/// content in x (a polynomial in the other variables) is split off and factored the same
/// way:
///
///     A = gcd(P, P'),  B₁ = P/A,  C₁ = P'/A,  D₁ = C₁ − B₁'
///     Fᵢ = gcd(Bᵢ, Dᵢ),  Bᵢ₊₁ = Bᵢ/Fᵢ,  Cᵢ₊₁ = Dᵢ/Fᵢ,  Dᵢ₊₁ = Cᵢ₊₁ − Bᵢ₊₁'
///
/// (derivatives in x), until Bᵢ is constant. So x²+2xy+y² = (x+y)², and
/// 2x³−4x²+2x = 2·x·(x−1)².
extension Polynomial {
    struct SquareFreeFactorization {
        /// The rational unit c.
        var unit: Rational
        /// (Fᵢ, i) for the nonconstant Fᵢ, each normalised.
        var factors: [(Polynomial, Int)]
    }

    func squareFreeFactorization(budget: inout PolynomialBudget)
        throws(PolynomialBudgetExceeded) -> SquareFreeFactorization
    {
        var factors: [(Polynomial, Int)] = []
        try collectSquareFreeFactors(into: &factors, budget: &budget)
        var product = one
        for (factor, multiplicity) in factors { product = product * factor.power(multiplicity) }
        guard let (_, lead) = leadingTerm, let (_, productLead) = product.leadingTerm,
              let unit = try? lead / productLead else {
            return SquareFreeFactorization(unit: constantValue ?? 0, factors: [])
        }
        return SquareFreeFactorization(unit: unit, factors: factors)
    }

    private func collectSquareFreeFactors(into factors: inout [(Polynomial, Int)], budget: inout PolynomialBudget)
        throws(PolynomialBudgetExceeded)
    {
        guard !isConstant, let v = firstVariable else { return }
        let content = try self.content(in: v, budget: &budget)
        guard let primitive = dividedExactly(by: content) else { throw PolynomialBudgetExceeded() }
        try content.collectSquareFreeFactors(into: &factors, budget: &budget)

        let derivative = primitive.derivative(in: v)
        let a = try Polynomial.gcd(primitive, derivative, budget: &budget)
        guard var b = primitive.dividedExactly(by: a), var c = derivative.dividedExactly(by: a) else {
            throw PolynomialBudgetExceeded()
        }
        var d = c - b.derivative(in: v)
        var multiplicity = 1
        while b.degree(in: v) > 0 {
            let f = try Polynomial.gcd(b, d, budget: &budget)
            if !f.isConstant { factors.append((f.normalized, multiplicity)) }
            guard let nextB = b.dividedExactly(by: f), let nextC = d.dividedExactly(by: f) else {
                throw PolynomialBudgetExceeded()
            }
            b = nextB
            c = nextC
            d = c - b.derivative(in: v)
            multiplicity += 1
            try budget.spend(b)
        }
    }
}
