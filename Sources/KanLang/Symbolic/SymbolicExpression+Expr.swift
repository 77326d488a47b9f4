import Exact
import Symbolic

/// KanLang's symbolic expressions as `Symbolic.Expr`, for the Discovery module (primitives,
/// formulas). The Expr operations canonicalise as they build, so `1/sqrt(x)` becomes the
/// same `x^(-1/2)` whichever way it was written.
extension SymbolicExpression {
    /// The canonical `Expr`; nil for a function `Symbolic` does not know.
    var expr: Expr? {
        switch self {
        case .rational(let value):
            return Expr(Rational(Int(value.numerator))) / Expr(Rational(Int(value.denominator)))
        case .real(let value):
            // An inexact constant keeps its exact binary value; NaN and infinities have none.
            return Rational(exactly: value).map(Expr.init)
        case .constant(let name):
            switch name {
            case "pi": return .pi
            case "e": return .e
            default: return nil
            }
        case .symbol(let name):
            return .symbol(name)
        case .sum(let terms):
            var parts: [Expr] = []
            for term in terms {
                guard let part = term.expr else { return nil }
                parts.append(part)
            }
            return .sum(parts)
        case .product(let factors):
            var parts: [Expr] = []
            for factor in factors {
                guard let part = factor.expr else { return nil }
                parts.append(part)
            }
            return .product(parts)
        case .power(let base, let exponent):
            guard let b = base.expr, let e = exponent.expr else { return nil }
            return .power(b, e)
        case .function(let name, let arguments):
            guard arguments.count == 1, let argument = arguments[0].expr else { return nil }
            if name == "sqrt" { return .sqrt(argument) }
            guard let function = Expr.Function(builtin: name) else { return nil }
            return .apply(function, argument)
        }
    }
}
