import Exact

/// Candidates for roots, absolute values and signs.
///
/// - (u^s)^r = |u|^(s·r) for s with an even numerator (the canonical form keeps such
///   nestings, as √(x²) ≠ x for x < 0): √(x²) = |x|; and |u|^n = u^n for even n.
/// - √a·√b = √(a·b) and √a/√b = √(a/b), generally a^r·b^±r = (a·b^±1)^r for a
///   non-integer r: exact wherever the left side is defined (a, b ≥ 0).
/// - With what `Assumptions` say of the signs: |u| = u for u ≥ 0 and −u for u ≤ 0,
///   sign(u) = ±1 for u of one strict sign, (u^s)^r = u^(s·r) for u ≥ 0, and
///   (a·b)^r = a^r·(b)^r splitting off the factors a > 0: √(x²·y) = x·√y for x > 0.
extension Rewriter {
    mutating func powerCandidates(_ node: Expr) -> [Expr] {
        let assumptions = self.assumptions
        var result: [Expr] = []
        let direct = node.transformedOutsideFunctions { $0.rootAndAbsoluteValueRewrite(assuming: assumptions) }
        if direct != node { result.append(direct) }
        let combined = direct.combinedRoots()
        if combined != direct { result.append(combined) }
        return result
    }
}

extension Expr {
    fileprivate func rootAndAbsoluteValueRewrite(assuming assumptions: Assumptions) -> Expr {
        switch node {
        case .power(let base, let exponent):
            if case .power(let inner, let innerExponent) = base.node, innerExponent.numerator.isDivisibleByTwo {
                let merged = innerExponent * exponent
                // |u|^n = u^n for even n: √(x⁴) = x².
                let evenInteger = merged.isInteger && merged.numerator.isDivisibleByTwo
                let nonnegative = evenInteger || inner.possibleSigns(assuming: assumptions).isNonnegative
                return Expr.power(nonnegative ? inner : Expr.abs(inner), merged)
            }
            if case .apply(.abs, let args) = base.node, exponent.isInteger, exponent.numerator.isDivisibleByTwo {
                return Expr.power(args[0], exponent)
            }
            if !exponent.isInteger, case .product(let factors) = base.node {
                let positive = factors.filter { $0.possibleSigns(assuming: assumptions).isPositive }
                guard !positive.isEmpty else { return self }
                let rest = factors.filter { !$0.possibleSigns(assuming: assumptions).isPositive }
                return Expr.product(positive.map { Expr.power($0, exponent).rootAndAbsoluteValueRewrite(assuming: assumptions) }
                                    + [Expr.power(Expr.product(rest), exponent)])
            }
            return self
        case .apply(.abs, let args):
            let signs = args[0].possibleSigns(assuming: assumptions)
            if signs.isNonnegative { return args[0] }
            if signs.isNonpositive { return -args[0] }
            return self
        case .apply(.sign, let args):
            let signs = args[0].possibleSigns(assuming: assumptions)
            if signs.isPositive { return .one }
            if signs.isNegative { return .minusOne }
            return self
        default:
            return self
        }
    }

    /// a^r·b^r·c^−r… = (a·b/c…)^r for the factors of a product whose exponents are ±r for
    /// a non-integer r (numbers excepted: the canonical form splits them out again):
    /// √x·√y/√z = √(x·y/z), exact wherever the left side is defined.
    func combinedRoots() -> Expr {
        transformedOutsideFunctions { e in
            guard case .product(let factors) = e.node else { return e }
            var byExponent: [Rational: [Expr]] = [:]
            for factor in factors {
                let (base, exponent) = factor.baseAndExponent
                if !exponent.isInteger, !base.isNumber {
                    let inverted = exponent.signum() < 0 ? Expr.power(base, Rational(-1)) : base
                    byExponent[exponent.magnitude, default: []].append(inverted)
                }
            }
            guard byExponent.values.contains(where: { $0.count >= 2 }) else { return e }
            var kept: [Expr] = []
            for factor in factors {
                let (base, exponent) = factor.baseAndExponent
                if !exponent.isInteger, !base.isNumber, (byExponent[exponent.magnitude]?.count ?? 0) >= 2 { continue }
                kept.append(factor)
            }
            for (exponent, bases) in byExponent where bases.count >= 2 {
                kept.append(Expr.power(Expr.product(bases), exponent))
            }
            return Expr.product(kept)
        }
    }
}
