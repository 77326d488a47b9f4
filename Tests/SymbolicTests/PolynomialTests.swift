import Exact
import Testing
@testable import Symbolic

/// The exact polynomial arithmetic under `cancel`, `factor` and the rewriter.
@Suite struct PolynomialTests {
    /// The polynomial of `e` over the atoms of `others` and `e`.
    func polynomials(_ expressions: [Expr]) -> (PolynomialAtoms, [Polynomial])? {
        guard let atoms = PolynomialAtoms(expressions) else { return nil }
        var budget = PolynomialBudget()
        var result: [Polynomial] = []
        for e in expressions {
            guard let f = RationalFunction(e, atoms: atoms, budget: &budget), f.denominator.isConstant,
                  let inverse = try? (f.denominator.constantValue ?? 1).reciprocal() else { return nil }
            result.append(f.numerator.scaled(by: inverse))
        }
        return (atoms, result)
    }

    @Test func greatestCommonDivisorOfMultivariatePolynomials() throws {
        let a = pow(x, 2) - pow(y, 2), b = pow(x, 2) - 2 * x * y + pow(y, 2)
        let (atoms, ps) = try #require(polynomials([a, b]))
        var budget = PolynomialBudget()
        let g = try Polynomial.gcd(ps[0], ps[1], budget: &budget)
        #expect(atoms.expression(g) == x - y)
        // Coprime polynomials have gcd 1.
        let (_, qs) = try #require(polynomials([x + y + 1, x * y - 1]))
        #expect(try Polynomial.gcd(qs[0], qs[1], budget: &budget).constantValue == 1)
    }

    @Test func squareFreeFactorisation() {
        #expect((2 * pow(x, 3) - 4 * pow(x, 2) + 2 * x).factored() == 2 * x * pow(x - 1, 2))
        #expect((pow(x, 2) + 2 * x * y + pow(y, 2)).factored() == pow(x + y, 2))
        #expect((pow(x, 3) - 3 * pow(x, 2) + 3 * x - 1).factored() == pow(x - 1, 3))
    }

    @Test func cancelWritesOneQuotientWithoutItsCommonFactor() {
        #expect(((pow(x, 2) - pow(y, 2)) / (x - y)).cancelled() == x + y)
        #expect((1 / x + 1 / y).cancelled() == (x + y) / (x * y))
        // Roots share an atom with their base: (√x − 1)/(x − 1) = 1/(√x + 1).
        #expect(((Expr.sqrt(x) - 1) / (x - 1)).cancelled() == 1 / (Expr.sqrt(x) + 1))
    }

    @Test func togetherWritesOneQuotientAndCancelsNothing() {
        #expect((1 / x + 1 / y).together() == (x + y) / (x * y))
        let withCommonFactor = (pow(x, 2) - pow(y, 2)) / (x - y)
        #expect(withCommonFactor.together() != x + y)
        #expect(withCommonFactor.together().cancelled() == x + y)
        #expect(withCommonFactor.together().evaluate(["x": 3, "y": 1]) == 4)
    }

    @Test func aLargeInputRunsOutOfBudgetAndStaysAsItIs() {
        // (x + y + z + 1)^16 has 969 terms, more than the rewriter's polynomial budget.
        let big = Expr.sum([x, y, z, 1])
        let e = Expr.power(big, Rational(16)) / (x - y)
        var budget = PolynomialBudget(steps: 50, maximumTerms: 100)
        let atoms = PolynomialAtoms([e])
        #expect(atoms.map { RationalFunction(e, atoms: $0, budget: &budget) == nil } == true)
    }
}

/// What simplification assumes of the signs of variables.
@Suite struct AssumptionTests {
    @Test func signsFollowTheDomainsThroughTheExpression() {
        let positive = Assumptions.positive(["x", "y"])
        #expect((x * y + 1).possibleSigns(assuming: positive) == .positive)
        #expect((-x).possibleSigns(assuming: positive) == .negative)
        #expect((x - y).possibleSigns(assuming: positive) == .any)
        #expect(pow(z, 2).possibleSigns(assuming: positive) == .nonnegative)
        #expect(Expr.exp(z).possibleSigns(assuming: .none) == .positive)
        #expect(SymbolDomain(lower: 0.5, upper: 3).signs == .positive)
        #expect(SymbolDomain(lower: -1, upper: 0).signs == .nonpositive)
    }

    @Test func rulesForPositiveArgumentsApplyOnlyWhenDeclared() {
        let positive = Assumptions.positive(["x", "y"])
        #expect(Expr.sqrt(pow(x, 2)).simplified() == Expr.abs(x))
        #expect(Expr.sqrt(pow(x, 2)).simplified(assuming: positive) == x)
        #expect(Expr.abs(x - y).simplified(assuming: positive) == Expr.abs(x - y))
        #expect(Expr.abs(x * y + 1).simplified(assuming: positive) == x * y + 1)
        // From data: x in [0.5, 3].
        let fromData = Assumptions(["x": SymbolDomain(lower: 0.5, upper: 3)])
        #expect(Expr.sqrt(pow(x, 2) * y).simplified(assuming: fromData) == x * Expr.sqrt(y))
    }

    @Test func theRewriterStopsWhenAsked() {
        let e = Expr.sin(x) * Expr.sin(x) + Expr.cos(x) * Expr.cos(x)
        #expect(throws: SimplificationInterrupted()) { try e.simplified(assuming: .none, shouldStop: { true }) }
    }
}

/// Inputs whose exact arithmetic would be huge stay as they are, quickly.
@Suite struct RewriterBoundsTests {
    @Test func aHighPowerOfALongSumIsNotMultipliedOut() {
        let long = Expr.sum([x, y, z, Expr.symbol("u"), Expr.symbol("v"), Expr.symbol("w"), 1])
        let e = x / Expr.power(long, Rational(16)) + y / long
        let clock = ContinuousClock()
        let start = clock.now
        let result = e.simplified()
        #expect(clock.now - start < .seconds(2))
        #expect(!result.isUndefined)
    }
}
