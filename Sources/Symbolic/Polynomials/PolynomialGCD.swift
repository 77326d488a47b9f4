import Exact

/// The work a polynomial computation may still do, counted in pseudo-division steps and
/// in the size of intermediate polynomials, so that gcds of large or dense inputs give
/// up (and the caller keeps its expression) instead of running long.
struct PolynomialBudget {
    var steps: Int
    /// The most terms an intermediate polynomial may have.
    var maximumTerms: Int

    init(steps: Int = 4_000, maximumTerms: Int = 400) {
        self.steps = steps
        self.maximumTerms = maximumTerms
    }

    /// Refuses a product a·b that could have more than `maximumTerms` terms.
    func checkProduct(_ a: Polynomial, _ b: Polynomial) throws(PolynomialBudgetExceeded) {
        let (bound, overflow) = a.termCount.multipliedReportingOverflow(by: b.termCount)
        if overflow || bound > 4 * maximumTerms { throw PolynomialBudgetExceeded() }
    }

    /// The most bits a coefficient's numerator or denominator may have. Pseudo-remainder
    /// sequences can grow coefficients exponentially in the steps while the term counts stay
    /// small; past this, a single gcd of the numbers takes seconds (a random expression of the
    /// simplifier's fuzz test ran for minutes in GMP's gcd).
    static let maximumCoefficientBits = 2_048

    mutating func spend(_ polynomial: Polynomial) throws(PolynomialBudgetExceeded) {
        steps -= 1
        if steps < 0 || polynomial.termCount > maximumTerms { throw PolynomialBudgetExceeded() }
        for coefficient in polynomial.terms.values
        where coefficient.numerator.bitWidthOfMagnitude > Self.maximumCoefficientBits
            || coefficient.denominator.bitWidthOfMagnitude > Self.maximumCoefficientBits {
            throw PolynomialBudgetExceeded()
        }
    }
}

/// A polynomial computation ran out of its `PolynomialBudget`.
struct PolynomialBudgetExceeded: Error {}

/// The greatest common divisor of multivariate polynomials over Q.
///
/// Recursive, by the primitive polynomial remainder sequence: with x the first variable
/// present, write A = cont(A)·pp(A) where cont(A) is the gcd of A's coefficients in x (a
/// polynomial in the other variables, found recursively). Then
///
///     gcd(A, B) = gcd(cont(A), cont(B)) · pp(last nonzero term of the sequence)
///
/// where the sequence is R₀ = pp(A), R₁ = pp(B), Rₖ₊₁ = pp(prem(Rₖ₋₁, Rₖ)), with prem the
/// pseudo-remainder in x (lc(Rₖ)^δ·Rₖ₋₁ reduced by Rₖ: no fractions in the other
/// variables). Taking primitive parts at each step keeps coefficients small; the result
/// is normalised (integer coprime coefficients, leading one positive), so it is unique.
extension Polynomial {
    static func gcd(_ a: Polynomial, _ b: Polynomial, budget: inout PolynomialBudget)
        throws(PolynomialBudgetExceeded) -> Polynomial
    {
        if a.isZero { return b.normalized }
        if b.isZero { return a.normalized }
        if a.isConstant || b.isConstant { return a.one }
        if a == b { return a.normalized }
        guard let v = (0..<a.variableCount).first(where: { a.degree(in: $0) > 0 || b.degree(in: $0) > 0 }) else {
            return a.one
        }
        // A polynomial free of x divides B only through B's coefficients in x.
        if a.degree(in: v) == 0 { return try gcd(a, b.content(in: v, budget: &budget), budget: &budget) }
        if b.degree(in: v) == 0 { return try gcd(a.content(in: v, budget: &budget), b, budget: &budget) }

        let contentA = try a.content(in: v, budget: &budget)
        let contentB = try b.content(in: v, budget: &budget)
        guard var p = a.dividedExactly(by: contentA), var q = b.dividedExactly(by: contentB) else {
            throw PolynomialBudgetExceeded()
        }
        if p.degree(in: v) < q.degree(in: v) { swap(&p, &q) }
        while true {
            let r = try p.pseudoRemainder(q, in: v, budget: &budget)
            if r.isZero { break }
            if r.degree(in: v) == 0 { q = a.one; break }
            guard let primitive = r.dividedExactly(by: try r.content(in: v, budget: &budget)) else {
                throw PolynomialBudgetExceeded()
            }
            p = q
            q = primitive.normalized
        }
        let contentGCD = try gcd(contentA, contentB, budget: &budget)
        guard let primitiveQ = q.dividedExactly(by: try q.content(in: v, budget: &budget)) else {
            throw PolynomialBudgetExceeded()
        }
        let result = (contentGCD * primitiveQ).normalized
        try budget.spend(result)
        return result
    }

    /// The gcd of the coefficients in xᵥ: a polynomial free of xᵥ.
    func content(in v: Int, budget: inout PolynomialBudget) throws(PolynomialBudgetExceeded) -> Polynomial {
        let parts = coefficients(in: v).sorted { $0.key > $1.key }.map(\.value)
        var result = Polynomial(variableCount: variableCount)
        for part in parts {
            result = try Polynomial.gcd(result, part, budget: &budget)
            if result.isConstant { return one }
        }
        return result
    }

    /// prem(self, divisor) in xᵥ: self·lc(divisor)^δ reduced by the divisor until its
    /// degree in xᵥ is below the divisor's, the leading term cancelled at each step by
    /// R ← lc(divisor)·R − lc(R)·xᵥ^(deg R − deg divisor)·divisor. Known only up to a
    /// nonzero rational factor, which the gcd does not care about; dividing it out keeps
    /// the numbers small.
    func pseudoRemainder(_ divisor: Polynomial, in v: Int, budget: inout PolynomialBudget)
        throws(PolynomialBudgetExceeded) -> Polynomial
    {
        let divisorDegree = divisor.degree(in: v)
        let divisorLead = divisor.coefficient(in: v, degree: divisorDegree)
        var r = self
        while !r.isZero, r.degree(in: v) >= divisorDegree {
            let d = r.degree(in: v)
            let lead = r.coefficient(in: v, degree: d)
            r = (r * divisorLead - lead * divisor.shifted(v, by: d - divisorDegree)).normalized
            try budget.spend(r)
        }
        return r
    }
}
