import Exact

/// Exact simplification: never through floating point.
///
/// Bottom-up, every node is rebuilt canonically (which already folds numbers,
/// collects like terms and powers, applies odd/even signs and exact values of
/// trigonometric functions at rational multiples of π) and then rewritten by:
/// - exp(a)·exp(b) = exp(a + b);
/// - exp(c₁·log(u₁) + … + r) = u₁^c₁ · … · exp(r) for rational cᵢ, so
///   exp(log(x)) = x and exp(log(x) - log(y)) = x/y;
/// - log(exp(a)) = a;
/// - cancellation in quotients: every sum S in a product that has a sum in its
///   denominator is written c·m·P (rational content c, monomial gcd m, P
///   primitive with a positive first non-number term), so `(2x + 2)/(x + 1) = 2` and
///   `x·y/(x^2·y + x·y) = 1/(x + 1)`;
/// - expansion (see `expanded()`): products over sums and integer powers of
///   sums multiplied out and like terms collected, so
///   `(x+y)^2/4 - (x-y)^2/4 = x·y` and `3·(x-1)^2 - 3·x^2 = 3 - 6·x`.
///
/// Then identities are tried under a cost model, keeping the form of least complexity
/// (see `Rewriter`): rational functions cancelled and factored, trigonometric,
/// exponential and logarithmic identities, roots and absolute values.
///
/// Like SymPy, rewrites may extend the domain (x/x = 1, exp(log x) = x): the
/// result equals the input wherever the input is defined.
extension Expr {
    /// The simplified expression (see the rules above); repeated until it no
    /// longer changes, at most a few rounds.
    public func simplified() -> Expr {
        // Never stopped, so never throws.
        (try? simplified(shouldStop: { false })) ?? self
    }

    /// The simplified expression, checking `shouldStop` before rewriting each node so that
    /// a huge expression can be abandoned (Ctrl-C): throws `SimplificationInterrupted` as
    /// soon as it returns true. The check is one call per node, against rewrites that
    /// multiply out and collect terms, so it costs nothing measurable.
    public func simplified(shouldStop: () -> Bool) throws(SimplificationInterrupted) -> Expr {
        try simplified(assuming: .none, shouldStop: shouldStop)
    }

    /// The simplified expression, with rules that hold only for some signs (√(x²) = x,
    /// log(x·y) = log x + log y, |x| = x) applied where `assumptions` make them true.
    public func simplified(assuming assumptions: Assumptions) -> Expr {
        (try? simplified(assuming: assumptions, shouldStop: { false })) ?? self
    }

    /// `simplified(assuming:)`, stopped (throwing `SimplificationInterrupted`) as soon as
    /// `shouldStop` returns true; it is checked at every node and every candidate form.
    public func simplified(assuming assumptions: Assumptions, shouldStop: () -> Bool)
        throws(SimplificationInterrupted) -> Expr
    {
        // Rewritten forms may hold what the canonical rounds undo (a power of a sum, which
        // they expand): canonical rounds and rewriting alternate until neither changes the
        // expression, so that simplifying a result again gives it back.
        let result = try withoutActuallyEscaping(shouldStop) { (stop) throws(SimplificationInterrupted) -> Expr in
            var rewriter = Rewriter(assumptions: assumptions, shouldStop: stop)
            var current = self
            for _ in 0..<3 {
                let canonical = try current.canonicalSimplified(shouldStop: stop)
                let rewritten = try rewriter.rewrite(canonical)
                if rewritten == canonical || rewritten == current { return rewritten }
                current = rewritten
            }
            return current
        }
        // The canonical rounds multiply out powers of sums, and the rewriter may not find
        // the way back: (x² + x)³ expands, and comes back as x³·(x + 1)³, longer than the
        // input. The input is then the shortest form known.
        return result.complexity <= complexity ? result : self
    }

    /// The rebuild-and-expand rounds (the rules above, before the rewriter), repeated until
    /// the expression no longer changes, at most a few rounds.
    func canonicalSimplified(shouldStop: () -> Bool) throws(SimplificationInterrupted) -> Expr {
        var current = self
        do {
            for _ in 0..<4 {
                let next = try current.transformed { node in
                    if shouldStop() { throw SimplificationInterrupted() }
                    return node.simplifiedNode()
                }
                if next == current { return next }
                current = next
            }
        } catch {
            throw SimplificationInterrupted()
        }
        return current
    }

    /// `expr.simplified()`.
    public static func simplify(_ expr: Expr) -> Expr { expr.simplified() }

    /// One rewriting step at this node, its children already simplified.
    func simplifiedNode() -> Expr {
        switch node {
        case .apply(.exp, let args):
            return Expr.expOfSum(args[0])
        case .apply(.log, let args):
            if case .apply(.exp, let inner) = args[0].node { return inner[0] }
            return self
        case .product(let factors):
            var rebuilt = Expr.combiningExponentials(factors)
            if case .product(let newFactors) = rebuilt.node, newFactors.contains(where: \.isDenominatorSum) {
                rebuilt = Expr.product(newFactors.flatMap(\.factoredSumPower))
            }
            return rebuilt.expandedNode()
        default:
            return expandedNode()
        }
    }

    /// exp(a) with the logarithm terms of a pulled out as powers.
    private static func expOfSum(_ argument: Expr) -> Expr {
        var powers: [Expr] = []
        var rest: [Expr] = []
        for term in argument.terms {
            let (coefficient, monomial) = term.coefficientAndMonomial
            if case .apply(.log, let inner) = monomial.node {
                powers.append(power(inner[0], coefficient))
            } else {
                rest.append(term)
            }
        }
        if powers.isEmpty { return exp(argument) }
        return product(powers + [exp(sum(rest))])
    }

    /// The product with all exp factors merged into one: exp(a)·exp(b) = exp(a + b).
    private static func combiningExponentials(_ factors: [Expr]) -> Expr {
        var exponents: [Expr] = []
        var others: [Expr] = []
        for factor in factors {
            if case .apply(.exp, let args) = factor.node { exponents.append(args[0]) }
            else { others.append(factor) }
        }
        guard exponents.count > 1 else { return product(factors) }
        return product(others + [expOfSum(sum(exponents))])
    }

    /// Whether this is a sum raised to a negative power.
    private var isDenominatorSum: Bool {
        if case .power(let base, let exponent) = node, base.isSum, exponent.signum() < 0 { return true }
        return false
    }

    /// S^k (S a sum, k an integer) as the factors c^k, m^k, P^k of S = c·m·P;
    /// any other expression as itself.
    private var factoredSumPower: [Expr] {
        let (base, exponent) = baseAndExponent
        guard exponent.isInteger, case .sum(let terms) = base.node,
              let (content, monomial, primitive) = Expr.factorContent(terms) else { return [self] }
        return [Expr.power(.number(content), exponent), Expr.power(monomial, exponent),
                Expr.power(primitive, exponent)]
    }

    /// S = c·m·P for a sum S with terms `terms`: c the rational content (gcd of
    /// numerators over lcm of denominators, signed so that P's first non-number
    /// term is positive), m the product of the bases common to every term at
    /// their least exponent. Nil when S is already primitive (c = 1, m = 1).
    private static func factorContent(_ terms: [Expr]) -> (Rational, Expr, Expr)? {
        var numeratorGCD = BigInteger(0)
        var denominatorLCM = BigInteger(1)
        var common: [Expr: Rational]? = nil
        for term in terms {
            let (coefficient, monomial) = term.coefficientAndMonomial
            numeratorGCD = BigInteger.gcd(numeratorGCD, coefficient.numerator)
            let g = BigInteger.gcd(denominatorLCM, coefficient.denominator)
            denominatorLCM = ((try? (denominatorLCM * coefficient.denominator).dividedExactly(by: g))) ?? denominatorLCM
            var powers: [Expr: Rational] = [:]
            if !monomial.isOne {
                let factors: [Expr]
                if case .product(let list) = monomial.node { factors = list } else { factors = [monomial] }
                for factor in factors {
                    let (b, e) = factor.baseAndExponent
                    powers[b] = e
                }
            }
            if let previous = common {
                var next: [Expr: Rational] = [:]
                for (b, e) in previous { if let f = powers[b] { next[b] = Swift.min(e, f) } }
                common = next
            } else {
                common = powers
            }
        }
        guard var content = try? Rational(numeratorGCD, denominatorLCM) else { return nil }
        // The sign makes P's first non-number term positive: (z - 4), not (4 - z).
        let leading = terms.first(where: { !$0.isNumber }) ?? terms[0]
        if leading.coefficientAndMonomial.0.signum() < 0 { content = -content }
        let monomial = product((common ?? [:]).map { power($0.key, $0.value) })
        if content == 1 && monomial.isOne { return nil }
        guard let inverse = try? content.reciprocal() else { return nil }
        let scale = product([.number(inverse), power(monomial, Rational(-1))])
        let primitive = sum(terms.map { product([scale, $0]) })
        return (content, monomial, primitive)
    }
}

/// `simplified(shouldStop:)` was stopped before it finished.
public struct SimplificationInterrupted: Error, Hashable, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "simplification interrupted" }
}
