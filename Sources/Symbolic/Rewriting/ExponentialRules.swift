import Exact

/// Exponential, logarithmic and hyperbolic candidates for the rewriter.
///
/// - Σ cᵢ·log uᵢ = log ∏ uᵢ^cᵢ (c rational), the product then cancelled as a rational
///   function: log(x² − 1) − log(x − 1) = log(x + 1). Exact wherever the left side is
///   defined (every uᵢ > 0), like SymPy's `logcombine` with `force`.
/// - log(a·b) = log a + log b for the factors a known positive (exp(…), π, positive
///   numbers, variables declared positive), log(u^r) = r·log u when r has an odd
///   numerator (u^r > 0 forces u > 0) or u is known positive: log(x·exp(y)) = log x + y.
/// - c·exp(u) + c·exp(−u) = 2c·cosh u, c·exp(u) − c·exp(−u) = 2c·sinh u.
/// - cosh² − sinh² = 1 both ways (`replacingSquares`), tanh = sinh/cosh both ways, and
///   sinh, cosh, tanh written in exponentials then cancelled as rational functions of
///   exp(u).
extension Rewriter {
    mutating func exponentialCandidates(_ node: Expr) -> [Expr] {
        var result: [Expr] = []
        if let combined = combinedLogarithms(node) { result.append(combined) }
        let expanded = node.expandedLogarithms(assuming: assumptions)
        if expanded != node { result.append(expanded) }
        if let hyperbolic = node.exponentialPairsAsHyperbolic() { result.append(hyperbolic) }
        return result
    }

    mutating func hyperbolicCandidates(_ node: Expr) -> [Expr] {
        var result: [Expr] = [
            node.replacingSquares(of: .sinh, by: .cosh).expandedOutsideFunctions(),
            node.replacingSquares(of: .cosh, by: .sinh).expandedOutsideFunctions(),
            node.quotientsAsTangents(),
        ]
        let quotients = node.tangentsAsQuotients()
        if quotients != node { result.append(quotients) }
        let exponentials = node.hyperbolicAsExponentials()
        result += rationalCandidates(exponentials)
        return result
    }

    /// The sum with its logarithm terms merged into one logarithm, or nil.
    private mutating func combinedLogarithms(_ node: Expr) -> Expr? {
        guard case .sum(let terms) = node.node else { return nil }
        var powers: [Expr] = []
        var rest: [Expr] = []
        for term in terms {
            let (c, m) = term.coefficientAndMonomial
            if case .apply(.log, let args) = m.node { powers.append(Expr.power(args[0], c)) }
            else { rest.append(term) }
        }
        guard powers.count >= 2 else { return nil }
        let argument = Expr.product(powers)
        let simplest = ([argument] + rationalCandidates(argument)).min { $0.complexity < $1.complexity } ?? argument
        return Expr.sum(rest + [Expr.log(simplest)])
    }
}

extension Expr {
    /// log of products and powers split where exact (see the rules above).
    func expandedLogarithms(assuming assumptions: Assumptions) -> Expr {
        transformedOutsideFunctions { e in
            guard case .apply(.log, let args) = e.node else { return e }
            let argument = args[0]
            switch argument.node {
            case .product(let factors):
                var positive: [Expr] = []
                var rest: [Expr] = []
                for factor in factors {
                    if factor.possibleSigns(assuming: assumptions).isPositive { positive.append(factor) }
                    else { rest.append(factor) }
                }
                guard !positive.isEmpty else { return e }
                return Expr.sum(positive.map { Expr.log($0).expandedLogarithms(assuming: assumptions) }
                                + [Expr.log(Expr.product(rest))])
            case .apply(.exp, let inner):
                return inner[0]
            case .power(let base, let exponent):
                guard !exponent.numerator.isDivisibleByTwo
                        || base.possibleSigns(assuming: assumptions).isPositive else { return e }
                return Expr.number(exponent) * Expr.log(base)
            default:
                return e
            }
        }
    }

    /// c·exp(u) ± c·exp(−u) in a sum as 2c·cosh(u) or 2c·sinh(u), or nil.
    func exponentialPairsAsHyperbolic() -> Expr? {
        guard case .sum(let terms) = node else { return nil }
        var byArgument: [Expr: (Int, Rational)] = [:]
        for (index, term) in terms.enumerated() {
            let (c, m) = term.coefficientAndMonomial
            if case .apply(.exp, let args) = m.node { byArgument[args[0]] = (index, c) }
        }
        var used: Set<Int> = []
        var added: [Expr] = []
        for (u, (i, c)) in byArgument where !u.looksNegative && !used.contains(i) {
            guard let (j, d) = byArgument[-u], !used.contains(j) else { continue }
            if c == d { added.append(2 * Expr.number(c) * Expr.cosh(u)) }
            else if c == -d { added.append(2 * Expr.number(c) * Expr.sinh(u)) }
            else { continue }
            used.insert(i)
            used.insert(j)
        }
        guard !added.isEmpty else { return nil }
        let rest = terms.enumerated().filter { !used.contains($0.offset) }.map(\.element)
        return Expr.sum(rest + added)
    }

    /// sinh, cosh and tanh in exponentials: sinh u = (e^u − e^−u)/2,
    /// cosh u = (e^u + e^−u)/2, tanh u = (e^2u − 1)/(e^2u + 1).
    func hyperbolicAsExponentials() -> Expr {
        transformedOutsideFunctions { e in
            guard case .apply(let f, let args) = e.node else { return e }
            let u = args[0]
            switch f {
            case .sinh: return (Expr.exp(u) - Expr.exp(-u)) / 2
            case .cosh: return (Expr.exp(u) + Expr.exp(-u)) / 2
            case .tanh: return (Expr.exp(2 * u) - 1) / (Expr.exp(2 * u) + 1)
            default: return e
            }
        }
    }
}
