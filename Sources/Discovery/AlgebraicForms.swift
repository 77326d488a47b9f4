import Symbolic

/// Rewrites that trade a transcendental composition for the algebraic form a reader expects,
/// applied to rationalised formulas before they are scored.
///
///     tanh(atanh(x1) + atanh(x2))   →   (x1 + x2)/(1 + x1*x2)     (velocity addition)
///
/// A KAN finds relativistic velocity addition as tanh of a sum of artanh's: the inputs'
/// rapidities add. The addition theorem tanh(a + b) = (tanh a + tanh b)/(1 + tanh a·tanh b)
/// with tanh(atanh u) = u turns tanh(±atanh(u₁) ± … ± atanh(uₙ)) into a rational function,
/// folding one term at a time: t ← (t + uₖ)/(1 + t·uₖ). The identity holds wherever the
/// left side is defined (|uₖ| < 1); `discover` also checks it on the data.
extension Expr {
    /// The expression with every tanh of a signed sum of artanh's rewritten algebraically.
    func rewritingTanhOfArtanhSums() -> Expr {
        transformed { expr in
            guard case .apply(.tanh, let args) = expr.node else { return expr }
            let terms: [Expr]
            if case .sum(let list) = args[0].node { terms = list } else { terms = [args[0]] }
            var arguments: [Expr] = []
            for term in terms {
                if case .apply(.atanh, let inner) = term.node {
                    arguments.append(inner[0])
                } else if case .product(let factors) = term.node, factors.count == 2, factors[0].numberValue == -1,
                          case .apply(.atanh, let inner) = factors[1].node {
                    arguments.append(-inner[0])
                } else {
                    return expr
                }
            }
            guard arguments.count >= 2, var folded = arguments.first else { return expr }
            for u in arguments.dropFirst() { folded = (folded + u) / (Expr.one + folded * u) }
            return folded.simplified()
        }
    }
}
