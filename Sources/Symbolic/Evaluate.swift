import Exact
import Foundation

/// Numeric evaluation in Double arithmetic, by walking the tree.
///
/// Out-of-domain inputs give NaN, never a trap: a missing variable, log of a
/// negative number, x^(1/2) for x < 0, asin(2), a user-named function (which
/// has no numeric meaning here), and `Expr.undefined`. Poles give ±infinity as
/// in C (1/0 = inf, log(0) = -inf). `CompiledExpression` computes the very same
/// operations in the same order, so the two agree bit for bit.
extension Expr {
    /// The value at `point`, which maps symbol names to values.
    public func evaluate(_ point: [String: Double]) -> Double {
        switch node {
        case .number(let value): return Double(value)
        case .symbol(let name): return point[name] ?? .nan
        case .pi: return Double.pi
        case .undefined: return .nan
        case .sum(let terms):
            var total = terms[0].evaluate(point)
            for term in terms.dropFirst() { total += term.evaluate(point) }
            return total
        case .product(let factors):
            var total = factors[0].evaluate(point)
            for factor in factors.dropFirst() { total *= factor.evaluate(point) }
            return total
        case .power(let base, let exponent):
            return PowerKind(exponent).apply(base.evaluate(point))
        case .apply(let function, let args):
            guard args.count == 1 else { return .nan }
            return function.evaluate(args[0].evaluate(point))
        }
    }
}

/// How a rational exponent is computed in Double arithmetic, shared by the
/// tree walker and the compiled evaluator so that both round alike.
enum PowerKind: Hashable, Sendable {
    case square, cube, reciprocal, squareRoot, reciprocalSquareRoot
    /// pow(x, n) for another integer n (negative bases allowed).
    case integer(Double)
    /// pow(x, r) for a non-integer r: NaN for x < 0.
    case real(Double)

    init(_ exponent: Rational) {
        switch exponent {
        case 2: self = .square
        case 3: self = .cube
        case -1: self = .reciprocal
        case Rational.oneHalf: self = .squareRoot
        case -Rational.oneHalf: self = .reciprocalSquareRoot
        default: self = exponent.isInteger ? .integer(Double(exponent)) : .real(Double(exponent))
        }
    }

    @inline(__always)
    func apply(_ x: Double) -> Double {
        switch self {
        case .square: return x * x
        case .cube: return x * x * x
        case .reciprocal: return 1 / x
        case .squareRoot: return x.squareRoot()
        case .reciprocalSquareRoot: return 1 / x.squareRoot()
        case .integer(let n): return Foundation.pow(x, n)
        case .real(let r): return x < 0 ? .nan : Foundation.pow(x, r)
        }
    }
}

extension Expr.Function {
    /// The function's value at x in Double arithmetic (NaN outside its domain;
    /// a user-named function is always NaN).
    @inline(__always)
    public func evaluate(_ x: Double) -> Double {
        switch self {
        case .sin: return Foundation.sin(x)
        case .cos: return Foundation.cos(x)
        case .tan: return Foundation.tan(x)
        case .exp: return Foundation.exp(x)
        case .log: return x < 0 ? .nan : Foundation.log(x)
        case .abs: return Swift.abs(x)
        case .sign: return x > 0 ? 1 : (x < 0 ? -1 : (x == 0 ? 0 : .nan))
        case .tanh: return Foundation.tanh(x)
        case .sinh: return Foundation.sinh(x)
        case .cosh: return Foundation.cosh(x)
        case .asin: return Foundation.asin(x)
        case .acos: return Foundation.acos(x)
        case .atan: return Foundation.atan(x)
        case .atanh: return Foundation.atanh(x)
        case .named: return .nan
        }
    }
}
