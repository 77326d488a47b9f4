import Exact

/// Symbolic differentiation.
///
/// Rules: (u + v)' = u' + v'; (u·v·w)' = u'·v·w + u·v'·w + u·v·w';
/// (u^r)' = r·u^(r-1)·u'; and the chain rule f(u)' = f'(u)·u' with
/// sin' = cos, cos' = -sin, tan' = 1 + tan², exp' = exp, log'(u) = 1/u,
/// abs' = sign, sign' = 0 (almost everywhere), tanh' = 1 - tanh², sinh' = cosh,
/// cosh' = sinh, asin' = (1 - u²)^(-1/2), acos' = -(1 - u²)^(-1/2),
/// atan' = 1/(1 + u²), atanh' = 1/(1 - u²).
///
/// A user-named function f(u₁, …, uₙ) has the partial derivatives
/// `Dk_f(u₁, …, uₙ)`, new user-named functions (`D1_f` for the first argument),
/// so the result stays an `Expr`: Σₖ Dk_f(u)·uₖ'.
extension Expr {
    /// ∂self/∂name.
    public func derivative(withRespectTo name: String) -> Expr {
        if !contains(symbol: name) { return isUndefined ? .undefined : .zero }
        switch node {
        case .number, .pi, .undefined:
            return .zero
        case .symbol(let own):
            return own == name ? .one : .zero
        case .sum(let terms):
            return Expr.sum(terms.map { $0.derivative(withRespectTo: name) })
        case .product(let factors):
            var terms: [Expr] = []
            for index in factors.indices {
                let derivative = factors[index].derivative(withRespectTo: name)
                if derivative.isZero { continue }
                var replaced = factors
                replaced[index] = derivative
                terms.append(Expr.product(replaced))
            }
            return Expr.sum(terms)
        case .power(let base, let exponent):
            return Expr.product([.number(exponent), Expr.power(base, exponent - 1),
                                 base.derivative(withRespectTo: name)])
        case .apply(.named(let function), let args):
            var terms: [Expr] = []
            for (index, arg) in args.enumerated() {
                let inner = arg.derivative(withRespectTo: name)
                if inner.isZero { continue }
                terms.append(Expr.apply(.named("D\(index + 1)_\(function)"), args) * inner)
            }
            return Expr.sum(terms)
        case .apply(let function, let args):
            let u = args[0]
            return Expr.outerDerivative(function, u) * u.derivative(withRespectTo: name)
        }
    }

    /// f'(u) for a built-in f.
    private static func outerDerivative(_ function: Function, _ u: Expr) -> Expr {
        let half = Rational.oneHalf
        switch function {
        case .sin: return cos(u)
        case .cos: return -sin(u)
        case .tan: return 1 + power(tan(u), Rational(2))
        case .exp: return exp(u)
        case .log: return power(u, Rational(-1))
        case .abs: return sign(u)
        case .sign: return .zero
        case .tanh: return 1 - power(tanh(u), Rational(2))
        case .sinh: return cosh(u)
        case .cosh: return sinh(u)
        case .asin: return power(1 - power(u, Rational(2)), -half)
        case .acos: return -power(1 - power(u, Rational(2)), -half)
        case .atan: return power(1 + power(u, Rational(2)), Rational(-1))
        case .atanh: return power(1 - power(u, Rational(2)), Rational(-1))
        case .named: return .undefined
        }
    }
}
