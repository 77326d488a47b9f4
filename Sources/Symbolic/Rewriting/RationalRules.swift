import Exact

/// Rational-function candidates for the rewriter: the node read as N/D over its atoms
/// (`RationalFunction`), the gcd cancelled, written back expanded and factored, and with
/// the sign of D flipped when that reads shorter (−(x + y)/(x − y) = (x + y)/(y − x)).
extension Rewriter {
    /// The largest node (by complexity) read as a rational function: beyond it the exact
    /// arithmetic is not tried, so large expanded polynomials cost nothing here.
    static let maximumRationalComplexity = 150

    mutating func rationalCandidates(_ node: Expr, complexity: Int? = nil) -> [Expr] {
        // A lone 1/S is left to its parent: read alone, −1/(−S) counts less than 1/S (the
        // negation is free beside a division), which would turn denominators inside out.
        if case .power = node.node { return [] }
        guard complexity ?? node.complexity <= Rewriter.maximumRationalComplexity, let atoms = PolynomialAtoms([node]), atoms.count > 0, atoms.count <= 6 else { return [] }
        var budget = polynomialBudget
        defer { polynomialBudget.steps = budget.steps }
        guard let f = RationalFunction(node, atoms: atoms, budget: &budget),
              let (unit, cancelled) = try? f.cancelled(budget: &budget) else { return [] }
        var result = [RationalFunction.expression(unit, cancelled, atoms: atoms)]
        let flipped = RationalFunction(negatingDenominator: cancelled)
        result.append(RationalFunction.expression(-unit, flipped, atoms: atoms))
        if let factored = try? RationalFunction.factoredExpression(unit, cancelled, atoms: atoms, budget: &budget) {
            result.append(factored)
        }
        if !cancelled.denominator.isConstant,
           let factored = try? RationalFunction.factoredExpression(-unit, flipped, atoms: atoms, budget: &budget) {
            result.append(factored)
        }
        return result
    }
}

extension RationalFunction {
    /// N/(−D), to be scaled by −1: c·N/D = (−c)·N/(−D).
    init(negatingDenominator f: RationalFunction) {
        self.init(f.numerator, -f.denominator)
    }
}

extension Expr {
    /// The expression as one quotient N/D over a common denominator, numerator and
    /// denominator expanded, their greatest common divisor cancelled (SymPy's `cancel`):
    /// `((x^2 - y^2)/(x - y)).cancelled() == x + y`, `(1/x + 1/y).cancelled()` is
    /// `(x + y)/(x*y)`. Function arguments and roots are atoms, left as they are. The
    /// expression itself when it has no symbol or is too large for the exact arithmetic.
    public func cancelled() -> Expr {
        guard let atoms = PolynomialAtoms([self]), atoms.count > 0 else { return self }
        var budget = PolynomialBudget(steps: 20_000, maximumTerms: 2_000)
        guard let f = RationalFunction(self, atoms: atoms, budget: &budget),
              let (unit, cancelled) = try? f.cancelled(budget: &budget) else { return self }
        return RationalFunction.expression(unit, cancelled, atoms: atoms)
    }

    /// The expression as one quotient N/D over a common denominator, numerator and
    /// denominator expanded, nothing cancelled (SymPy's `together`): `(1/x + 1/y).together()`
    /// is `(x + y)/(x*y)`, and `((x^2 - y^2)/(x - y)).together()` keeps its common factor
    /// (`cancelled()` removes it). The expression itself when it has no symbol or is too
    /// large for the exact arithmetic.
    public func together() -> Expr {
        guard let atoms = PolynomialAtoms([self]), atoms.count > 0 else { return self }
        var budget = PolynomialBudget(steps: 20_000, maximumTerms: 2_000)
        guard let f = RationalFunction(self, atoms: atoms, budget: &budget) else { return self }
        let (unit, normalized) = f.normalizedForm
        return RationalFunction.expression(unit, normalized, atoms: atoms)
    }

    /// The cancelled quotient (see `cancelled()`) with numerator and denominator
    /// factored over Q: content, common monomial and irreducible factors (see
    /// `Polynomial.factorization`), so `(x^3 - 2*x^2 + x).factored()` is `x*(x - 1)^2`,
    /// `(x^2 - y^2).factored()` is `(x - y)*(x + y)` and `(x^3 + y^3).factored()` is
    /// `(x + y)*(x^2 - x*y + y^2)`.
    public func factored() -> Expr {
        guard let atoms = PolynomialAtoms([self]), atoms.count > 0 else { return self }
        var budget = PolynomialBudget(steps: 20_000, maximumTerms: 2_000)
        guard let f = RationalFunction(self, atoms: atoms, budget: &budget),
              let (unit, cancelled) = try? f.cancelled(budget: &budget),
              let factored = try? RationalFunction.factoredExpression(
                  unit, cancelled, atoms: atoms, maximumTerms: RationalFunction.maximumFactorTerms, budget: &budget)
        else { return self }
        return factored
    }
}
