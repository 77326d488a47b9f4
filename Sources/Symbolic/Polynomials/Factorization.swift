import Exact

/// Factorisation over Q into irreducible factors: P = c · ∏ Fᵢ^mᵢ, each Fᵢ normalised
/// (integer coprime coefficients, leading one positive) and, as far as the searches below
/// go, irreducible:
///
/// ```swift
/// x² − y²         = (x − y)·(x + y)
/// x³ + y³         = (x + y)·(x² − x·y + y²)
/// 2x⁴ − 2         = 2·(x − 1)·(x + 1)·(x² + 1)
/// x⁴ + 4          = (x² − 2x + 2)·(x² + 2x + 2)
/// x²y − y + x² − 1 = (x − 1)·(x + 1)·(y + 1)
/// ```
///
/// First the square-free factorisation (Yun, `SquareFreeFactorization.swift`); then each
/// square-free part is split until no search finds a factor:
/// 1. a variable dividing every term, and the content in each variable (a factor free
///    of it: x·y + x = x·(y + 1));
/// 2. a primitive polynomial of degree 1 in some variable is irreducible;
/// 3. a homogeneous polynomial (all terms of one total degree) in several variables is
///    factored through its dehomogenisation P(…, 1), whose factors are homogenised back:
///    x³ − y³ from x³ − 1 = (x − 1)·(x² + x + 1);
/// 4. factors of degree 1 in a variable x, q·x − p, by the rational root theorem over
///    Z[other variables]: q divides the leading coefficient in x and p the constant one,
///    both factored recursively (they have one variable less) to list their divisors;
/// 5. for one variable, quadratic factors by Kronecker's method: f = a·x² + b·x + c
///    divides P only if f(0) | P(0), f(1) | P(1), f(−1) | P(−1), so the divisors of those
///    three integers give every candidate by interpolation.
///
/// Every candidate is checked by exact division, so a factor reported is a factor; what
/// the searches do not reach (cubic factors of a univariate polynomial, non-homogeneous
/// factors of degree ≥ 2 in every variable, values with too many divisors) stays unsplit.
/// The work is charged to the `PolynomialBudget`.
extension Polynomial {
    struct Factorization {
        /// The rational unit c.
        var unit: Rational
        /// (Fᵢ, mᵢ), each Fᵢ normalised and nonconstant.
        var factors: [(Polynomial, Int)]
    }

    func factorization(budget: inout PolynomialBudget) throws(PolynomialBudgetExceeded) -> Factorization {
        if let value = constantValue { return Factorization(unit: value, factors: []) }
        // Degree 1 in a variable and primitive in it: irreducible, without the gcds of
        // Yun's algorithm, which on x¹⁰ + 3x⁷y + 3x⁴y² + xy³ + x² + x + z took seconds.
        for v in 0..<variableCount where degree(in: v) == 1 {
            guard try content(in: v, budget: &budget).isConstant else { continue }
            let primitive = normalized
            guard let (_, lead) = leadingTerm, let (_, primitiveLead) = primitive.leadingTerm,
                  let unit = try? lead / primitiveLead else { break }
            return Factorization(unit: unit, factors: [(primitive, 1)])
        }
        let squareFree = try squareFreeFactorization(budget: &budget)
        var factors: [(Polynomial, Int)] = []
        for (part, multiplicity) in squareFree.factors {
            for factor in try part.irreducibleFactors(budget: &budget) {
                if let index = factors.firstIndex(where: { $0.0 == factor }) {
                    factors[index].1 += multiplicity
                } else {
                    factors.append((factor, multiplicity))
                }
            }
        }
        // Lexicographic order is a monomial order: the product's leading coefficient is the
        // product of the factors' leading coefficients.
        var productLead: Rational = 1
        for (factor, multiplicity) in factors {
            guard let (_, lead) = factor.leadingTerm, let power = try? lead.power(multiplicity) else {
                throw PolynomialBudgetExceeded()
            }
            productLead = productLead * power
        }
        guard let (_, lead) = leadingTerm, let unit = try? lead / productLead else { throw PolynomialBudgetExceeded() }
        return Factorization(unit: unit, factors: factors)
    }

    /// The irreducible factors (as far as found) of a square-free polynomial, normalised.
    func irreducibleFactors(budget: inout PolynomialBudget) throws(PolynomialBudgetExceeded) -> [Polynomial] {
        var pending = [normalized]
        var result: [Polynomial] = []
        while let p = pending.popLast() {
            if p.isConstant { continue }
            if let (a, b) = try p.split(budget: &budget) {
                pending.append(a.normalized)
                pending.append(b.normalized)
            } else {
                result.append(p.normalized)
            }
        }
        return result
    }

    /// self = a·b with a and b nonconstant, or nil when no search finds such a split.
    private func split(budget: inout PolynomialBudget) throws(PolynomialBudgetExceeded) -> (Polynomial, Polynomial)? {
        if totalDegree <= 1 { return nil }
        try budget.spend(self)
        let variables = (0..<variableCount).filter { degree(in: $0) > 0 }
        for v in variables where terms.keys.allSatisfy({ $0[v] > 0 }) {
            let x = Polynomial.variable(v, variableCount: variableCount)
            if let rest = dividedExactly(by: x), !rest.isConstant { return (x, rest) }
        }
        if variables.count > 1 {
            for v in variables {
                let content = try self.content(in: v, budget: &budget)
                if !content.isConstant, let rest = dividedExactly(by: content), !rest.isConstant { return (content, rest) }
            }
        }
        // Primitive in every variable: degree 1 in one of them leaves no room for a factor.
        if variables.contains(where: { degree(in: $0) == 1 }) { return nil }
        if variables.count > 1, let parts = try homogeneousSplit(variables, budget: &budget) { return parts }
        for v in variables.sorted(by: { degree(in: $0) < degree(in: $1) }) {
            if let factor = try linearFactor(in: v, univariate: variables.count == 1, budget: &budget),
               let rest = dividedExactly(by: factor), !rest.isConstant {
                return (factor, rest)
            }
        }
        if variables.count == 1, let v = variables.first, degree(in: v) >= 4,
           let factor = try quadraticFactor(in: v, budget: &budget),
           let rest = dividedExactly(by: factor), !rest.isConstant {
            return (factor, rest)
        }
        return nil
    }

    /// For a homogeneous polynomial: a factor found through P with its last variable w set
    /// to 1, homogenised back (each term of degree k times w^(d − k), d the factor's degree).
    private func homogeneousSplit(_ variables: [Int], budget: inout PolynomialBudget)
        throws(PolynomialBudgetExceeded) -> (Polynomial, Polynomial)?
    {
        let degree = totalDegree
        guard let w = variables.last, terms.keys.allSatisfy({ $0.reduce(0, +) == degree }) else { return nil }
        var affineTerms: [Exponents: Rational] = [:]
        for (exponents, c) in terms {
            var e = exponents
            e[w] = 0
            affineTerms[e] = c
        }
        let parts = try Polynomial(variableCount: variableCount, terms: affineTerms).irreducibleFactors(budget: &budget)
        guard parts.count >= 2 else { return nil }
        let first = parts[0], firstDegree = parts[0].totalDegree
        var liftedTerms: [Exponents: Rational] = [:]
        for (exponents, c) in first.terms {
            var e = exponents
            e[w] = firstDegree - exponents.reduce(0, +)
            liftedTerms[e] = c
        }
        let factor = Polynomial(variableCount: variableCount, terms: liftedTerms)
        guard !factor.isConstant, let rest = dividedExactly(by: factor), !rest.isConstant else { return nil }
        return (factor, rest)
    }

    /// A factor q·xᵥ − p with q dividing the leading coefficient in xᵥ and p the constant
    /// one (the rational root theorem over the other variables' integer polynomials).
    private func linearFactor(in v: Int, univariate: Bool, budget: inout PolynomialBudget)
        throws(PolynomialBudgetExceeded) -> Polynomial?
    {
        let lead = coefficient(in: v, degree: degree(in: v)), trailing = coefficient(in: v, degree: 0)
        guard !trailing.isZero, let qs = try lead.divisorsUpToSign(budget: &budget),
              let ps = try trailing.divisorsUpToSign(budget: &budget), qs.count * ps.count <= 4_096 else { return nil }
        let x = Polynomial.variable(v, variableCount: variableCount)
        if univariate {
            let coefficients = denseCoefficients(in: v)
            for q in qs {
                guard let qValue = q.constantValue else { continue }
                for p in ps {
                    guard let pValue = p.constantValue,
                          BigInteger.gcd(qValue.numerator, pValue.numerator) == 1 else { continue }
                    budget.steps -= 1
                    if budget.steps < 0 { throw PolynomialBudgetExceeded() }
                    for sign in [Rational(1), Rational(-1)] {
                        guard let root = try? sign * pValue / qValue else { continue }
                        if Polynomial.horner(coefficients, at: root).isZero {
                            return x.scaled(by: qValue) - p.scaled(by: sign)
                        }
                    }
                }
            }
            return nil
        }
        // A primitive integer factor's value at an integer point divides the polynomial's
        // (the quotient has integer coefficients, by Gauss's lemma): a test of a few
        // multiplications before the exact division, which costs a pass over the terms
        // at every step.
        let point = (0..<variableCount).map { Rational([3, 5, 7, 11, 13, 17, 19, 23][$0 % 8]) }
        let valueAtPoint = value(at: point)
        for q in qs {
            for p in ps {
                for candidate in [(x * q - p).normalized, (x * q + p).normalized] {
                    budget.steps -= 1 + termCount / 16
                    if budget.steps < 0 { throw PolynomialBudgetExceeded() }
                    let candidateValue = candidate.value(at: point)
                    if !candidateValue.isZero, let ratio = try? valueAtPoint / candidateValue, !ratio.isInteger { continue }
                    if dividedExactly(by: candidate, maximumSteps: 2 * termCount + 16) != nil { return candidate }
                }
            }
        }
        return nil
    }

    /// The value at a point (one rational per variable).
    func value(at point: [Rational]) -> Rational {
        var total = Rational(0)
        for (exponents, c) in terms {
            var term = c
            for (i, e) in exponents.enumerated() where e > 0 { term = term * ((try? point[i].power(e)) ?? 0) }
            total = total + term
        }
        return total
    }

    /// A quadratic factor of a univariate polynomial with integer coefficients and no
    /// rational root, by Kronecker's method at 0, 1 and −1 (checked first at ±2).
    private func quadraticFactor(in v: Int, budget: inout PolynomialBudget)
        throws(PolynomialBudgetExceeded) -> Polynomial?
    {
        let coefficients = denseCoefficients(in: v)
        func value(_ k: Int) -> BigInteger { Polynomial.horner(coefficients, at: Rational(k)).numerator }
        let atZero = value(0), atOne = value(1), atMinusOne = value(-1), atTwo = value(2), atMinusTwo = value(-2)
        guard let lead = coefficients.last?.numerator, let zeroDivisors = atZero.positiveDivisors(maximumCount: 64),
              let oneDivisors = atOne.positiveDivisors(maximumCount: 64),
              let minusOneDivisors = atMinusOne.positiveDivisors(maximumCount: 64) else { return nil }
        let combinations = 8 * zeroDivisors.count * oneDivisors.count * minusOneDivisors.count
        guard combinations <= 40_000 else { return nil }
        budget.steps -= combinations / 64 + 1
        if budget.steps < 0 { throw PolynomialBudgetExceeded() }
        func divides(_ d: BigInteger, _ n: BigInteger) -> Bool {
            guard !d.isZero, let (_, r) = try? n.quotientAndRemainder(dividingBy: d) else { return false }
            return r.isZero
        }
        let x = Polynomial.variable(v, variableCount: variableCount)
        for c0 in zeroDivisors.flatMap({ [$0, -$0] }) {
            for f1 in oneDivisors.flatMap({ [$0, -$0] }) {
                for fm in minusOneDivisors.flatMap({ [$0, -$0] }) {
                    // f(1) = a + b + c, f(−1) = a − b + c.
                    let twiceA = f1 + fm - c0 - c0, twiceB = f1 - fm
                    guard let (a, ra) = try? twiceA.quotientAndRemainder(dividingBy: 2), ra.isZero, a.signum() > 0,
                          let (b, rb) = try? twiceB.quotientAndRemainder(dividingBy: 2), rb.isZero,
                          divides(a, lead) else { continue }
                    let two = BigInteger(2)
                    let atTwoF = a * two * two + b * two + c0, atMinusTwoF = a * two * two - b * two + c0
                    guard divides(atTwoF, atTwo), divides(atMinusTwoF, atMinusTwo) else { continue }
                    let candidate = (x * x).scaled(by: Rational(a)) + x.scaled(by: Rational(b))
                        + .constant(Rational(c0), variableCount: variableCount)
                    if dividedExactly(by: candidate, maximumSteps: 4 * termCount + 16) != nil { return candidate }
                }
            }
        }
        return nil
    }

    /// The divisors of a polynomial with integer coefficients, up to sign: k·∏ Fᵢ^eᵢ for
    /// the positive divisors k of its integer content and 0 ≤ eᵢ ≤ mᵢ over its factors
    /// Fᵢ^mᵢ. Nil when there are more than 256.
    private func divisorsUpToSign(budget: inout PolynomialBudget) throws(PolynomialBudgetExceeded) -> [Polynomial]? {
        var products: [Polynomial] = [one]
        let unit: Rational
        if let value = constantValue {
            unit = value
        } else {
            let factorization = try factorization(budget: &budget)
            unit = factorization.unit
            guard let divisors = divisorProducts(of: factorization.factors, one: one, limit: 64, times: *)
            else { return nil }
            products = divisors
        }
        guard unit.isInteger, let integers = unit.numerator.positiveDivisors(maximumCount: 64),
              products.count * integers.count <= 256 else { return nil }
        return integers.flatMap { k in products.map { $0.scaled(by: Rational(k)) } }
    }

    /// The coefficients of a polynomial in xᵥ alone, by power (index k: the coefficient of
    /// xᵥ^k); other variables are ignored.
    func denseCoefficients(in v: Int) -> [Rational] {
        var result = Array(repeating: Rational(0), count: degree(in: v) + 1)
        for (exponents, c) in terms { result[exponents[v]] = result[exponents[v]] + c }
        return result
    }

    /// Σ cₖ·x^k by Horner's rule.
    static func horner(_ coefficients: [Rational], at x: Rational) -> Rational {
        coefficients.reversed().reduce(Rational(0)) { $0 * x + $1 }
    }
}
